#include "v6hsm/batch_decrypt.hpp"

#include <gtest/gtest.h>

#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

TEST(BatchDecrypt, KeepsOrderAndIsolatesFailures) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  std::vector<std::string> wires;
  for (int i = 0; i < 200; ++i) {
    wires.push_back(i % 50 == 7 ? "corrupt$payload" : encrypt_to_string(as_bytes("{\"n\": " + std::to_string(i) + "}"), key.public_key()));
  }
  const std::vector<std::string_view> views(wires.begin(), wires.end());
  for (unsigned threads : {1u, 2u, 8u}) {
    const auto results = decrypt_string_batch(key, views, OutputMode::vantage6, threads);
    ASSERT_EQ(results.size(), wires.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (i % 50 == 7) {
        EXPECT_FALSE(results[i].plaintext.has_value());
        EXPECT_EQ(results[i].error, DecryptionError::kMessage);
      } else {
        ASSERT_TRUE(results[i].plaintext.has_value()) << i << ": " << results[i].error;
        EXPECT_EQ(to_string(*results[i].plaintext), "{\"n\": " + std::to_string(i) + "}");
      }
    }
  }
}

TEST(BatchDecrypt, EmptyInputGivesEmptyOutput) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  EXPECT_TRUE(decrypt_string_batch(key, {}).empty());
}

}  // namespace
}  // namespace v6hsm
