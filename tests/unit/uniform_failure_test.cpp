// Every way a decryption can fail surfaces as the same error type with the same message, so a party
// feeding chosen ciphertexts cannot tell padding failures from anything else.
#include <gtest/gtest.h>

#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

struct Case {
  std::string name;
  std::string wire;
};

std::vector<Case> malformed_cases(const SoftwareKey& key, const SoftwareKey& other_key) {
  const std::string good = encrypt_to_string(as_bytes("{\"a\": 1}"), key.public_key());
  const auto envelope = parse_string_envelope(good);
  const std::string ek = base64_encode(envelope.header.wrapped_key);
  const std::string iv = base64_encode(envelope.header.iv);
  const std::string body = std::string(envelope.ciphertext_base64);
  const auto wrap = [&](ByteView secret) { return base64_encode(key.public_key().encrypt_pkcs1v15(secret)); };
  Bytes flipped_ek = envelope.header.wrapped_key;
  flipped_ek[10] ^= 0x01;
  return {
      {"missing part", ek + "$" + iv},
      {"extra separator", ek + "$" + iv + "$" + body + "$"},
      {"extra separator in header", ek + "$$" + iv + "$" + body},
      {"no separator", ek},
      {"bad base64 character", ek + "$" + iv + "$" + body.substr(0, body.size() - 4) + "!!!!"},
      {"bad padding", ek.substr(0, ek.size() - 1) + "$" + iv + "$" + body},
      {"short IV", ek + "$" + base64_encode(Bytes(15, 0)) + "$" + body},
      {"long IV", ek + "$" + base64_encode(Bytes(17, 0)) + "$" + body},
      {"truncated EK", base64_encode(ByteView(envelope.header.wrapped_key).first(255)) + "$" + iv + "$" + body},
      {"corrupted EK", base64_encode(flipped_ek) + "$" + iv + "$" + body},
      {"wrong key", encrypt_to_string(as_bytes("{\"a\": 1}"), other_key.public_key())},
      {"31-byte secret", wrap(Bytes(31, 1)) + "$" + iv + "$" + body},
      {"33-byte secret", wrap(Bytes(33, 1)) + "$" + iv + "$" + body},
      {"45-byte secret", wrap(Bytes(45, 'A')) + "$" + iv + "$" + body},
      {"44 bytes, not base64", wrap(Bytes(44, '!')) + "$" + iv + "$" + body},
      {"empty", ""},
  };
}

TEST(UniformFailure, EveryMalformedPayloadGivesTheIdenticalError) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  const auto other = SoftwareKey::from_pem(as_bytes(test::private_pem("B")));
  for (const auto& item : malformed_cases(key, other)) {
    for (const auto mode : {OutputMode::raw, OutputMode::vantage6}) {
      try {
        decrypt_string(key, item.wire, mode);
        ADD_FAILURE() << item.name << ": decrypted";
      } catch (const DecryptionError& error) {
        EXPECT_STREQ(error.what(), DecryptionError::kMessage) << item.name;
        EXPECT_EQ(error.kind(), ErrorKind::decryption);
      } catch (const std::exception& error) {
        ADD_FAILURE() << item.name << ": other error: " << error.what();
      }
    }
  }
}

TEST(UniformFailure, BlobFailuresGiveTheIdenticalError) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  const auto other = SoftwareKey::from_pem(as_bytes(test::private_pem("B")));
  const std::vector<Bytes> blobs = {{}, to_bytes("no separators"), encrypt_to_blob(as_bytes("x"), other.public_key()),
                                    to_bytes("QUJD$QUJD$body")};
  for (const auto& blob : blobs) {
    try {
      decrypt_blob(key, blob);
      ADD_FAILURE() << "decrypted";
    } catch (const DecryptionError& error) {
      EXPECT_STREQ(error.what(), DecryptionError::kMessage);
    }
  }
}

}  // namespace
}  // namespace v6hsm
