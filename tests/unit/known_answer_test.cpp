// Every vector of the shared known-answer file decrypts with the software key backend, to the recorded
// plaintext and shared key; sealing with the recorded key and IV reproduces the recorded wire parts.
#include <gtest/gtest.h>

#include <fstream>

#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "v6hsm/unencrypted.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

using test::from_hex;
using test::to_hex;

struct KeyFormat {
  std::string vector_id;
  std::string pem_format;
};

class KnownAnswer : public ::testing::TestWithParam<KeyFormat> {
 protected:
  const nlohmann::json& vector() const { return test::vector_by_id(GetParam().vector_id); }
  SoftwareKey key() const {
    return SoftwareKey::from_pem(as_bytes(test::private_pem(vector().at("key"), GetParam().pem_format)));
  }
  std::string text(const char* field) const { return vector().at(field).get<std::string>(); }
};

std::string wire_part(const std::string& wire, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = wire.find('$', start) + 1;
  return wire.substr(start, wire.find('$', start) - start);
}

std::string key_format_name(const ::testing::TestParamInfo<KeyFormat>& param_info) {
  return param_info.param.vector_id + "_" + param_info.param.pem_format;
}

class StringVectors : public KnownAnswer {};

TEST_P(StringVectors, DecryptsToRecordedPlaintextAndKey) {
  const auto envelope = parse_string_envelope(text("wire"));
  EXPECT_EQ(to_hex(recover_shared_key(key(), envelope.header)), text("shared_key_hex"));
  EXPECT_EQ(to_hex(envelope.header.iv), text("iv_hex"));
  EXPECT_EQ(to_string(decrypt_string(key(), text("wire"))), text("plaintext"));
  EXPECT_EQ(to_string(decrypt_string(key(), text("wire"), OutputMode::vantage6)), text("plaintext"));
}

TEST_P(StringVectors, SealingWithRecordedKeyAndIvReproducesIvAndBody) {
  Iv iv{};
  const Bytes iv_bytes = from_hex(text("iv_hex"));
  std::copy(iv_bytes.begin(), iv_bytes.end(), iv.begin());
  const std::string wire = text("wire");
  const std::string sealed = seal_to_string(as_bytes(text("plaintext")), key().public_key(),
                                            test::secret_from_hex(text("shared_key_hex")), iv);
  EXPECT_EQ(wire_part(sealed, 1), wire_part(wire, 1));
  EXPECT_EQ(wire_part(sealed, 2), wire_part(wire, 2));
  EXPECT_EQ(wire_part(sealed, 0).size(), wire_part(wire, 0).size());
  EXPECT_EQ(to_string(decrypt_string(key(), sealed)), text("plaintext"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, StringVectors,
                         ::testing::Values(KeyFormat{"TV1", "private_pem_pkcs1"}, KeyFormat{"TV1", "private_pem_pkcs8"},
                                           KeyFormat{"TV4", "private_pem_pkcs1"}, KeyFormat{"TV4", "private_pem_pkcs8"},
                                           KeyFormat{"TV5", "private_pem_pkcs1"}, KeyFormat{"TV5", "private_pem_pkcs8"}),
                         key_format_name);

class WebUiVector : public KnownAnswer {};

TEST_P(WebUiVector, RecoversKeyFrom44ByteBase64Text) {
  const auto envelope = parse_string_envelope(text("wire"));
  const auto raw_secret = key().recover_wrapped_secret(envelope.header.wrapped_key);
  EXPECT_EQ(as_chars(raw_secret), text("rsa_plaintext"));
  EXPECT_EQ(to_hex(recover_shared_key(key(), envelope.header)), text("shared_key_hex"));
}

TEST_P(WebUiVector, RawOutputIsTheUiBase64AndVantage6OutputIsTheJson) {
  EXPECT_EQ(to_string(decrypt_string(key(), text("wire"))), text("ui_plaintext_before_aes"));
  EXPECT_EQ(to_string(decrypt_string(key(), text("wire"), OutputMode::vantage6)), text("json"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, WebUiVector,
                         ::testing::Values(KeyFormat{"TV2", "private_pem_pkcs1"}, KeyFormat{"TV2", "private_pem_pkcs8"}),
                         key_format_name);

class BlobVector : public KnownAnswer {};

TEST_P(BlobVector, DecryptsRawBody) {
  const Bytes blob = from_hex(text("wire_hex"));
  const auto envelope = parse_blob_envelope(blob);
  EXPECT_EQ(serialize_envelope_header(envelope.header), text("header"));
  EXPECT_EQ(to_hex(envelope.ciphertext), text("body_hex"));
  EXPECT_EQ(to_hex(recover_shared_key(key(), envelope.header)), text("shared_key_hex"));
  EXPECT_EQ(to_string(decrypt_blob(key(), blob)), text("plaintext"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, BlobVector,
                         ::testing::Values(KeyFormat{"TV3", "private_pem_pkcs1"}, KeyFormat{"TV3", "private_pem_pkcs8"}),
                         key_format_name);

TEST(UnencryptedVector, IsPlainBase64BothWays) {
  const auto& vector = test::vector_by_id("DUMMY");
  EXPECT_EQ(encode_unencrypted(as_bytes(vector.at("plaintext").get<std::string>())), vector.at("wire"));
  EXPECT_EQ(to_string(decode_unencrypted(vector.at("wire").get<std::string>())), vector.at("plaintext"));
  EXPECT_THROW(decode_unencrypted("not base64!"), InputError);
}

// The heuristics table, through a full encrypt/decrypt round trip with key A.
TEST(HeuristicsVectors, RoundTripThroughVantage6Mode) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  for (const auto& row : test::vectors().at("expected_decrypt_heuristics")) {
    const Bytes plaintext = row.contains("plaintext_utf8") ? to_bytes(row.at("plaintext_utf8").get<std::string>())
                                                           : from_hex(row.at("plaintext_hex").get<std::string>());
    const std::string wire = encrypt_to_string(plaintext, key.public_key());
    EXPECT_EQ(decrypt_string(key, wire), plaintext);
    if (row.contains("vantage6_decrypt_returns_utf8")) {
      EXPECT_EQ(to_string(decrypt_string(key, wire, OutputMode::vantage6)), row.at("vantage6_decrypt_returns_utf8"));
    } else if (row.contains("vantage6_decrypt_returns_hex")) {
      EXPECT_EQ(to_hex(decrypt_string(key, wire, OutputMode::vantage6)), row.at("vantage6_decrypt_returns_hex"));
    } else {
      EXPECT_THROW(decrypt_string(key, wire, OutputMode::vantage6), PlaintextFormatError) << row.dump();
    }
  }
}

TEST(Encrypt, FreshKeyAndIvEveryTime) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  const std::string first = encrypt_to_string(as_bytes("{}"), key.public_key());
  const std::string second = encrypt_to_string(as_bytes("{}"), key.public_key());
  EXPECT_NE(wire_part(first, 1), wire_part(second, 1));
  EXPECT_NE(recover_shared_key(key, parse_string_envelope(first).header),
            recover_shared_key(key, parse_string_envelope(second).header));
}

TEST(Encrypt, BlobRoundTrip) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("B")));
  const Bytes body = {0x00, '$', 0xff, '$'};
  EXPECT_EQ(decrypt_blob(key, encrypt_to_blob(body, key.public_key())), body);
}

// tests/data holds a copy of the shared vectors so a fresh clone is self-contained; it must not drift.
TEST(VectorFile, MatchesSharedCopyWhenPresent) {
  const std::string shared = V6HSM_SOURCE_DIR "/../shared/vectors/vantage6-vectors.json";
  std::ifstream file(shared);
  if (!file) GTEST_SKIP() << "no shared/ beside the checkout";
  EXPECT_EQ(nlohmann::json::parse(file), test::vectors());
}

}  // namespace
}  // namespace v6hsm

namespace v6hsm {
namespace {

TEST(DecryptPayload, HandlesBothFormsAndTrailingLineBreak) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  const auto& tv1 = test::vector_by_id("TV1");
  EXPECT_EQ(to_string(decrypt_payload(key, as_bytes(tv1.at("wire").get<std::string>() + "\n"))), tv1.at("plaintext"));
  const auto& tv3 = test::vector_by_id("TV3");
  EXPECT_EQ(to_string(decrypt_payload(key, test::from_hex(tv3.at("wire_hex").get<std::string>()))), tv3.at("plaintext"));
}

}  // namespace
}  // namespace v6hsm
