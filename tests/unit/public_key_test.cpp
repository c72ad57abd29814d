#include "v6hsm/public_key.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"
#include <openssl/crypto.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

const nlohmann::json& key_entry(const std::string& name) { return test::vectors().at("keys").at(name); }

PublicKey vector_public_key(const std::string& name) {
  return PublicKey::from_pem(key_entry(name).at("public_pem").get<std::string>());
}

std::string pkcs1_public_pem(const PublicKey& key) {
  std::unique_ptr<OSSL_ENCODER_CTX, decltype(&OSSL_ENCODER_CTX_free)> encoder(
      OSSL_ENCODER_CTX_new_for_pkey(key.native(), EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific", nullptr),
      OSSL_ENCODER_CTX_free);
  unsigned char* data = nullptr;
  std::size_t length = 0;
  EXPECT_EQ(OSSL_ENCODER_to_data(encoder.get(), &data, &length), 1);
  std::string pem(reinterpret_cast<char*>(data), length);
  OPENSSL_free(data);
  return pem;
}

class TempFile {
 public:
  explicit TempFile(const std::string& content)
      : path_(std::filesystem::temp_directory_path() /
              ("v6hsm-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

class VectorKeys : public ::testing::TestWithParam<std::string> {};

TEST_P(VectorKeys, PrivateKeyExportsRecordedPemAndApiString) {
  for (const char* format : {"private_pem_pkcs1", "private_pem_pkcs8"}) {
    const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem(GetParam(), format)));
    EXPECT_EQ(key.public_key().spki_pem(), key_entry(GetParam()).at("public_pem")) << format;
    EXPECT_EQ(key.public_key().api_string(), key_entry(GetParam()).at("public_key_api")) << format;
    EXPECT_EQ(key.public_key().bits(), key_entry(GetParam()).at("bits").get<int>());
  }
}

TEST_P(VectorKeys, ApiStringParsesToTheSameKey) {
  const auto from_api = PublicKey::from_api_string(key_entry(GetParam()).at("public_key_api").get<std::string>());
  EXPECT_TRUE(from_api == vector_public_key(GetParam()));
  EXPECT_EQ(from_api.spki_pem(), key_entry(GetParam()).at("public_pem"));
}

TEST_P(VectorKeys, Pkcs1PublicPemIsAccepted) {
  const auto key = vector_public_key(GetParam());
  const std::string pkcs1 = pkcs1_public_pem(key);
  ASSERT_TRUE(pkcs1.starts_with("-----BEGIN RSA PUBLIC KEY-----"));
  const auto reparsed = PublicKey::from_pem(pkcs1);
  EXPECT_TRUE(reparsed == key);
  EXPECT_EQ(reparsed.spki_pem(), key.spki_pem());
}

TEST_P(VectorKeys, ComponentsRebuildTheExactPem) {
  const auto key = vector_public_key(GetParam());
  const auto rebuilt = PublicKey::from_components(key.modulus(), key.public_exponent());
  EXPECT_EQ(rebuilt.spki_pem(), key.spki_pem());
  EXPECT_EQ(key.public_exponent(), (Bytes{0x01, 0x00, 0x01}));
  EXPECT_EQ(key.modulus().size(), key.modulus_length());
}

TEST_P(VectorKeys, FingerprintIsSha256OfDerAsOpenSslComputesIt) {
  const auto key = vector_public_key(GetParam());
  TempFile pem(key.spki_pem());
  const std::string digest =
      test::run_command("openssl pkey -pubin -in '" + pem.path().string() + "' -outform DER | openssl dgst -sha256 -r");
  ASSERT_GE(digest.size(), 64u);
  EXPECT_EQ(key.fingerprint(), "sha256:" + digest.substr(0, 64));
}

TEST_P(VectorKeys, FileMayHoldPemOrApiString) {
  TempFile pem_file(key_entry(GetParam()).at("public_pem").get<std::string>());
  TempFile api_file(key_entry(GetParam()).at("public_key_api").get<std::string>() + "\n");
  EXPECT_TRUE(PublicKey::from_file(pem_file.path()) == vector_public_key(GetParam()));
  EXPECT_TRUE(PublicKey::from_file(api_file.path()) == vector_public_key(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(KeysAandB, VectorKeys, ::testing::Values("A", "B"));

TEST(PublicKey, DifferentKeysAreNotEqual) { EXPECT_FALSE(vector_public_key("A") == vector_public_key("B")); }

TEST(PublicKey, RejectsWhatIsNotAPublicKey) {
  EXPECT_THROW(PublicKey::from_pem("hello"), InputError);
  EXPECT_THROW(PublicKey::from_pem(test::private_pem("A")), InputError);
  EXPECT_THROW(PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), InputError);
  EXPECT_THROW(PublicKey::from_api_string("not base64!"), InputError);
  EXPECT_THROW(PublicKey::from_api_string("aGVsbG8="), InputError);  // base64 of "hello"
  EXPECT_THROW(PublicKey::from_file("/nonexistent/v6hsm/key.pem"), InputError);
  EXPECT_THROW(PublicKey::from_components({}, Bytes{1, 0, 1}), InputError);
}

TEST(PublicKey, RejectsNonRsaKey) {
  const std::string ec_pem = test::run_command("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | openssl pkey -pubout");
  ASSERT_TRUE(ec_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
  EXPECT_THROW(PublicKey::from_pem(ec_pem), InputError);
}

TEST(PublicKey, EncryptsForTheMatchingPrivateKey) {
  const auto key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  const Bytes message(32, 0x42);
  const Bytes wrapped = key.public_key().encrypt_pkcs1v15(message);
  EXPECT_EQ(wrapped.size(), 256u);
  const auto recovered = key.recover_wrapped_secret(wrapped);
  EXPECT_EQ(Bytes(recovered.begin(), recovered.end()), message);
  EXPECT_NE(key.public_key().encrypt_pkcs1v15(message), wrapped);  // padding is randomized
}

}  // namespace
}  // namespace v6hsm
