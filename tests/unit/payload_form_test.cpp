// detect_envelope_form() settles an all-base64 body as the string form with the vector alphabet check and
// leaves every other body to the scalar scan; both must give the same answer wherever the odd byte sits
// relative to the 32-character blocks.
#include <gtest/gtest.h>

#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

const SoftwareKey& key() {
  static const SoftwareKey key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  return key;
}

const Bytes& plaintext() {
  static const Bytes text(3000, 'p');
  return text;
}

std::size_t body_start(std::string_view wire) { return wire.find('$', wire.find('$') + 1) + 1; }

TEST(PayloadForm, StringFormDecryptsBothWays) {
  const std::string wire = encrypt_to_string(plaintext(), key().public_key());
  EXPECT_EQ(decrypt_payload(key(), as_bytes(wire)), plaintext());
  EXPECT_EQ(decrypt_payload(key(), to_bytes(wire + "\n")), plaintext());
}

TEST(PayloadForm, ABodyWithOneForeignCharacterIsABlobWhereverItSits) {
  const std::string wire = encrypt_to_string(plaintext(), key().public_key());
  for (std::size_t offset = 0; offset < 70; ++offset) {
    std::string blob_like = wire;
    blob_like[body_start(wire) + offset] = '\x01';  // not base64, so detect_envelope_form() says blob
    const Bytes body(blob_like.begin() + static_cast<std::ptrdiff_t>(body_start(wire)), blob_like.end());
    // As a blob, the body is raw ciphertext: AES-CTR of it under the same key and IV.
    EXPECT_EQ(decrypt_payload(key(), as_bytes(blob_like)).size(), body.size()) << offset;
    EXPECT_EQ(decrypt_payload(key(), to_bytes(blob_like)).size(), body.size()) << offset;
  }
}

TEST(PayloadForm, MisplacedPaddingStaysAStringFormAndFails) {
  std::string wire = encrypt_to_string(plaintext(), key().public_key());
  wire[body_start(wire) + 40] = '=';
  EXPECT_THROW(decrypt_payload(key(), as_bytes(wire)), DecryptionError);
  EXPECT_THROW(decrypt_payload(key(), to_bytes(wire)), DecryptionError);
}

Bytes decrypted_in_place(Bytes payload, OutputMode mode = OutputMode::raw) {
  payload.resize(decrypt_payload_in_place(key(), payload, mode));
  return payload;
}

TEST(PayloadForm, InPlaceDecryptionWritesThePlaintextOverThePayload) {
  const std::string wire = encrypt_to_string(plaintext(), key().public_key());
  EXPECT_EQ(decrypted_in_place(to_bytes(wire)), plaintext());
  EXPECT_EQ(decrypted_in_place(to_bytes(wire + "\r\n")), plaintext());
  EXPECT_EQ(decrypted_in_place(encrypt_to_blob(plaintext(), key().public_key())), plaintext());
  std::string damaged = wire;
  damaged[body_start(wire) + 40] = '=';
  EXPECT_THROW(decrypted_in_place(to_bytes(damaged)), DecryptionError);
}

TEST(PayloadForm, InPlaceDecryptionAppliesVantage6Rules) {
  const auto sealed = [](std::string_view text) { return to_bytes(encrypt_to_string(as_bytes(text), key().public_key())); };
  EXPECT_EQ(decrypted_in_place(sealed("{\"a\": [1, 2]}"), OutputMode::vantage6), to_bytes("{\"a\": [1, 2]}"));
  EXPECT_EQ(decrypted_in_place(sealed("eyJhIjogMX0="), OutputMode::vantage6), to_bytes("{\"a\": 1}"));
  EXPECT_EQ(decrypted_in_place(sealed("eyJhIjogMX0="), OutputMode::raw), to_bytes("eyJhIjogMX0="));
  EXPECT_THROW(decrypted_in_place(sealed("not json!"), OutputMode::vantage6), PlaintextFormatError);
  EXPECT_THROW(decrypted_in_place(sealed("caf\xc3"), OutputMode::vantage6), PlaintextFormatError);
}

}  // namespace
}  // namespace v6hsm
