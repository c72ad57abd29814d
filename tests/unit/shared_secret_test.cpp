#include "v6hsm/shared_secret.hpp"

#include <gtest/gtest.h>

#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

SecureBytes secret_of(std::string_view text) { return to_secure_bytes(as_bytes(text)); }

TEST(SharedSecret, Accepts32RawBytes) {
  const SecureBytes raw(32, 0x07);
  EXPECT_EQ(shared_key_from_recovered_secret(raw), raw);
}

TEST(SharedSecret, Accepts44ByteBase64TextOf32Bytes) {
  const Bytes key(32, 0x5c);
  const auto decoded = shared_key_from_recovered_secret(secret_of(base64_encode(key)));
  EXPECT_EQ(Bytes(decoded.begin(), decoded.end()), key);
}

TEST(SharedSecret, RejectsEveryOtherShape) {
  const std::vector<SecureBytes> bad = {
      SecureBytes{},
      SecureBytes(31, 1),
      SecureBytes(33, 1),
      SecureBytes(45, 1),
      SecureBytes(44, 1),                               // 44 bytes, not base64
      secret_of(base64_encode(Bytes(33, 1))),           // 44 characters of base64 that decode to 33 bytes
      secret_of(base64_encode(Bytes(32, 1)) + "\n"),    // 45 bytes
  };
  for (const auto& secret : bad) EXPECT_THROW(shared_key_from_recovered_secret(secret), DecryptionError);
}

}  // namespace
}  // namespace v6hsm
