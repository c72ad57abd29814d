#include "v6hsm/software_key.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "v6hsm/error.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

TEST(SoftwareKey, LoadsPkcs1AndPkcs8) {
  const auto pkcs1 = SoftwareKey::from_pem(as_bytes(test::private_pem("A", "private_pem_pkcs1")));
  const auto pkcs8 = SoftwareKey::from_pem(as_bytes(test::private_pem("A", "private_pem_pkcs8")));
  EXPECT_TRUE(pkcs1.public_key() == pkcs8.public_key());
}

TEST(SoftwareKey, LoadsFromFileAndNamesItInDescription) {
  const auto path = std::filesystem::temp_directory_path() / ("v6hsm-unit-key-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(path) << test::private_pem("B");
  const auto key = SoftwareKey::from_file(path);
  std::filesystem::remove(path);
  EXPECT_EQ(key.public_key().bits(), 4096);
  EXPECT_NE(key.description().find(path.string()), std::string::npos);
}

TEST(SoftwareKey, RefusesEncryptedPemWithoutPromptingOrQuotingIt) {
  const std::string encrypted =
      test::run_command("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -aes256 -pass pass:v6hsm-test 2>/dev/null");
  ASSERT_NE(encrypted.find("ENCRYPTED"), std::string::npos);
  const std::string message = test::input_error_text([&] { SoftwareKey::from_pem(as_bytes(encrypted)); });
  EXPECT_NE(message.find("encrypted"), std::string::npos);
  EXPECT_EQ(message.find("MII"), std::string::npos);
}

TEST(SoftwareKey, RefusesNonRsaKey) {
  const std::string ec = test::run_command("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null");
  ASSERT_NE(ec.find("PRIVATE KEY"), std::string::npos);
  EXPECT_NE(test::input_error_text([&] { SoftwareKey::from_pem(as_bytes(ec)); }).find("not an RSA key"), std::string::npos);
}

TEST(SoftwareKey, RefusesGarbageAndPublicKeys) {
  EXPECT_THROW(SoftwareKey::from_pem(as_bytes("garbage")), InputError);
  EXPECT_THROW(SoftwareKey::from_pem(as_bytes(test::vectors().at("keys").at("A").at("public_pem").get<std::string>())),
               InputError);
  EXPECT_THROW(SoftwareKey::from_file("/nonexistent/v6hsm/key.pem"), InputError);
}

TEST(SoftwareKey, WrongLengthOrPaddingIsADecryptionError) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  EXPECT_THROW(key.recover_wrapped_secret(Bytes(255, 1)), DecryptionError);
  EXPECT_THROW(key.recover_wrapped_secret(Bytes(256, 1)), DecryptionError);
  EXPECT_THROW(key.recover_wrapped_secret({}), DecryptionError);
}

}  // namespace
}  // namespace v6hsm
