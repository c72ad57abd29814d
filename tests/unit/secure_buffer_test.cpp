#include "v6hsm/secure_buffer.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace v6hsm {
namespace {

TEST(SecureWipe, ZeroesTheBytes) {
  std::uint8_t buffer[64];
  std::memset(buffer, 0xa5, sizeof buffer);
  secure_wipe(buffer, sizeof buffer);
  for (const auto byte : buffer) EXPECT_EQ(byte, 0);
  secure_wipe(nullptr, 10);  // tolerated
}

TEST(SecureBytes, BehavesLikeAVector) {
  SecureBytes secret = to_secure_bytes(as_bytes("pin"));
  secret.push_back('!');
  EXPECT_EQ(as_chars(secret), "pin!");
  EXPECT_EQ(as_view(secret).size(), 4u);
}

}  // namespace
}  // namespace v6hsm
