// The shared test keys A and B imported onto the token: every known-answer vector decrypts there, with
// either recovery strategy, and importing refuses what it must.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

using token::RecoveryStrategy;
using token::TokenKey;

Bytes from_hex(const std::string& hex) {
  Bytes bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// What decrypting the vector's wire must give as raw AES output.
Bytes expected_output(const nlohmann::json& vector) {
  const auto& field = vector.contains("ui_plaintext_before_aes") ? vector.at("ui_plaintext_before_aes")
                                                                 : vector.at("plaintext");
  return to_bytes(field.get<std::string>());
}

Bytes decrypt_vector(const TokenKey& key, const nlohmann::json& vector) {
  if (vector.contains("wire_hex")) {
    return decrypt_blob(key, from_hex(vector.at("wire_hex").get<std::string>()));
  }
  return decrypt_string(key, vector.at("wire").get<std::string>());
}

struct ImportCase {
  std::string key;
  std::string format;
  RecoveryStrategy strategy;
};

class VectorImportTest : public TokenTest, public ::testing::WithParamInterface<ImportCase> {};

TEST_P(VectorImportTest, EveryVectorOfTheKeyDecryptsOnTheToken) {
  const ImportCase& param = GetParam();
  const auto imported =
      token::import_key_pem(token(), as_bytes(private_pem(param.key, param.format)), spec_with_label("imported"));
  ASSERT_FALSE(imported.reused);
  EXPECT_TRUE(imported.key.attributes.sensitive);
  EXPECT_FALSE(imported.key.attributes.extractable);
  EXPECT_FALSE(imported.key.attributes.sign);
  EXPECT_EQ(imported.key.public_key.api_string(),
            vectors().at("keys").at(param.key).at("public_key_api").get<std::string>());

  const TokenKey key = TokenKey::open(token(), token::KeyRef::by_label("imported"), param.strategy);
  EXPECT_EQ(key.strategy(), param.strategy);
  int decrypted = 0;
  for (const auto& vector : vectors().at("vectors")) {
    if (vector.value("key", "") == param.key) {
      EXPECT_EQ(decrypt_vector(key, vector), expected_output(vector)) << vector.at("id");
      ++decrypted;
    }
  }
  EXPECT_GT(decrypted, 0);
}

INSTANTIATE_TEST_SUITE_P(
    KeysFormatsStrategies, VectorImportTest,
    ::testing::Values(ImportCase{"A", "pkcs1", RecoveryStrategy::decrypt},
                      ImportCase{"A", "pkcs8", RecoveryStrategy::unwrap},
                      ImportCase{"B", "pkcs8", RecoveryStrategy::decrypt},
                      ImportCase{"B", "pkcs1", RecoveryStrategy::unwrap}),
    [](const auto& test) {
      return test.param.key + "_" + test.param.format + "_" + std::string(token::strategy_name(test.param.strategy));
    });

TEST_F(TokenTest, ImportingTheSameKeyAgainReusesItAndADifferentOneIsRefused) {
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_label("vantage6"));
  EXPECT_TRUE(token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs8")), spec_with_label("vantage6")).reused);
  EXPECT_THROW(token::import_key_pem(token(), as_bytes(private_pem("B", "pkcs1")), spec_with_label("vantage6")),
               InputError);
  auto overwrite = spec_with_label("vantage6");
  overwrite.overwrite = true;
  const auto replaced = token::import_key_pem(token(), as_bytes(private_pem("B", "pkcs1")), overwrite);
  EXPECT_TRUE(replaced.replaced);
  EXPECT_EQ(token::list_keys(token()).size(), 1U);
}

std::string encrypted_pem_of(const std::string& pem) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                      BIO_free);
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  char passphrase[] = "passphrase";
  PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), passphrase, sizeof passphrase - 1, nullptr,
                                nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string ec_private_pem() {
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

TEST_F(TokenTest, EncryptedAndNonRsaKeysAreRefused) {
  EXPECT_THROW(token::import_key_pem(token(), as_bytes(encrypted_pem_of(private_pem("A", "pkcs8"))),
                                     spec_with_label("x")),
               InputError);
  EXPECT_THROW(token::import_key_pem(token(), as_bytes(ec_private_pem()), spec_with_label("x")), InputError);
  EXPECT_TRUE(token::list_keys(token()).empty());
}

}  // namespace
}  // namespace v6hsm::testing
