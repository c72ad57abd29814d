// Choosing between C_Decrypt and C_UnwrapKey, and what happens with keys that allow only one or neither.
#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

using token::KeyAttributes;
using token::RecoveryStrategy;
using token::RsaPkcsSupport;
using token::TokenError;
using token::TokenKey;

KeyAttributes allowing(bool decrypt, bool unwrap) {
  KeyAttributes attributes;
  attributes.decrypt = decrypt;
  attributes.unwrap = unwrap;
  return attributes;
}

TEST(ChooseStrategy, AutomaticPrefersDecryptAndFallsBackToUnwrap) {
  const RsaPkcsSupport both{true, true};
  EXPECT_EQ(token::choose_strategy(RecoveryStrategy::automatic, allowing(true, true), both), RecoveryStrategy::decrypt);
  EXPECT_EQ(token::choose_strategy(RecoveryStrategy::automatic, allowing(false, true), both), RecoveryStrategy::unwrap);
  EXPECT_EQ(token::choose_strategy(RecoveryStrategy::automatic, allowing(true, true), RsaPkcsSupport{false, true}),
            RecoveryStrategy::unwrap);
}

TEST(ChooseStrategy, ExplainsWhichFlagIsMissing) {
  try {
    token::choose_strategy(RecoveryStrategy::decrypt, allowing(false, true), RsaPkcsSupport{true, true});
    FAIL() << "expected TokenError";
  } catch (const TokenError& error) {
    EXPECT_NE(std::string(error.what()).find("CKA_DECRYPT"), std::string::npos) << error.what();
    EXPECT_EQ(error.kind(), ErrorKind::token);
  }
  EXPECT_THROW(token::choose_strategy(RecoveryStrategy::automatic, allowing(false, false), RsaPkcsSupport{true, true}),
               TokenError);
  EXPECT_THROW(token::choose_strategy(RecoveryStrategy::unwrap, allowing(true, true), RsaPkcsSupport{true, false}),
               TokenError);
}

TEST(ChooseStrategy, ParsesAndNamesStrategies) {
  for (const auto strategy : {RecoveryStrategy::automatic, RecoveryStrategy::decrypt, RecoveryStrategy::unwrap}) {
    EXPECT_EQ(token::parse_strategy(token::strategy_name(strategy)), strategy);
  }
  EXPECT_THROW(token::parse_strategy("oaep"), InputError);
}

token::KeySpec spec_with_usage(bool decrypt, bool unwrap) {
  auto spec = spec_with_label("restricted");
  spec.usage = token::KeyUsage{decrypt, unwrap};
  return spec;
}

TEST_F(TokenTest, SoftHsmOffersDecryptAndUnwrapForRsaPkcs) {
  const RsaPkcsSupport support = token::rsa_pkcs_support(token());
  EXPECT_TRUE(support.decrypt);
  EXPECT_TRUE(support.unwrap);
}

TEST_F(TokenTest, KeyWithoutDecryptFallsBackToUnwrap) {
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_usage(false, true));
  const TokenKey key = TokenKey::open(token(), token::KeyRef::by_label("restricted"));
  EXPECT_EQ(key.strategy(), RecoveryStrategy::unwrap);
  const Bytes plaintext = to_bytes(R"({"answer": 42})");
  EXPECT_EQ(decrypt_string(key, encrypt_to_string(plaintext, key.public_key())), plaintext);
  EXPECT_THROW(TokenKey::open(token(), token::KeyRef::by_label("restricted"), RecoveryStrategy::decrypt), TokenError);
}

TEST_F(TokenTest, KeyWithNeitherDecryptNorUnwrapGetsAClearError) {
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_usage(false, false));
  try {
    TokenKey::open(token(), token::KeyRef::by_label("restricted"));
    FAIL() << "expected TokenError";
  } catch (const TokenError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("CKA_DECRYPT"), std::string::npos) << message;
    EXPECT_NE(message.find("CKA_UNWRAP"), std::string::npos) << message;
  }
  EXPECT_FALSE(token::attribute_warnings(token::find_key(token(), token::KeyRef::by_label("restricted")).attributes)
                   .empty());
}

class FailureTest : public TokenTest, public ::testing::WithParamInterface<RecoveryStrategy> {};

TEST_P(FailureTest, EveryRecoveryFailureIsTheUniformDecryptionError) {
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_label("vantage6"));
  const TokenKey key = TokenKey::open(token(), token::KeyRef::by_label("vantage6"), GetParam());
  const std::size_t block = key.public_key().modulus_length();
  const Bytes zeros(block, 0);
  Bytes corrupted = key.public_key().encrypt_pkcs1v15(Bytes(32, 7));
  corrupted[block / 2] ^= 0x55;
  for (const Bytes& wrapped : {zeros, corrupted, Bytes(block - 1, 1), Bytes{}}) {
    try {
      key.recover_wrapped_secret(wrapped);
      ADD_FAILURE() << "a bad wrapped key was accepted";
    } catch (const DecryptionError& error) {
      EXPECT_STREQ(error.what(), DecryptionError::kMessage);
    }
  }
  // A failed call must not poison the session pool for the next caller.
  const Bytes plaintext = to_bytes("[1, 2, 3]");
  EXPECT_EQ(decrypt_string(key, encrypt_to_string(plaintext, key.public_key())), plaintext);
}

INSTANTIATE_TEST_SUITE_P(Strategies, FailureTest,
                         ::testing::Values(RecoveryStrategy::decrypt, RecoveryStrategy::unwrap),
                         [](const auto& test) { return std::string(token::strategy_name(test.param)); });

TEST_F(TokenTest, MissingKeyIsNotFound) {
  try {
    TokenKey::open(token(), token::KeyRef::by_label("absent"));
    FAIL() << "expected NotFoundError";
  } catch (const NotFoundError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::not_found);
    EXPECT_NE(std::string(error.what()).find("absent"), std::string::npos);
  }
}

}  // namespace
}  // namespace v6hsm::testing
