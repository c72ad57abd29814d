// The fault module itself: it forwards faithfully, fails exactly the call it was told to, and refuses
// rules it cannot parse, so the matrix built on it tests v6hsm and not the module.
#include <gtest/gtest.h>

#include "support/fault_injection.hpp"
#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

class FaultModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_.create_token(kTokenLabel);
    module_ = token::Module::load(fault_module_path());
  }
  void TearDown() override { module_.reset(); }

  SoftHsmSandbox sandbox_;
  std::shared_ptr<token::Module> module_;
};

TEST_F(FaultModuleTest, ForwardsToSoftHsmWhenNoRuleIsArmed) {
  EXPECT_EQ(module_->info().manufacturer, "SoftHSM");
  auto token = open_logged_in(module_, kTokenLabel);
  EXPECT_TRUE(token.logged_in());
}

TEST_F(FaultModuleTest, FailsExactlyTheNthCallWithTheChosenCode) {
  auto token = token::Token::open(module_, token::TokenSelector::by_label(kTokenLabel));
  const FaultRules faults("C_GetTokenInfo:2:CKR_DEVICE_ERROR");
  EXPECT_NO_THROW(token.info());
  try {
    token.info();
    FAIL() << "the second C_GetTokenInfo should fail";
  } catch (const token::Pkcs11Error& error) {
    EXPECT_EQ(error.function(), "C_GetTokenInfo");
    EXPECT_EQ(error.code(), 0x30U);
  }
  EXPECT_NO_THROW(token.info());
  EXPECT_EQ(faults.injected(), 1U);
}

TEST_F(FaultModuleTest, RepeatingRuleFailsEveryLaterCall) {
  auto token = token::Token::open(module_, token::TokenSelector::by_label(kTokenLabel));
  const FaultRules faults("C_GetTokenInfo:1+:0x32");
  for (int call = 0; call < 3; ++call) {
    EXPECT_THROW(token.info(), token::Pkcs11Error);
  }
  EXPECT_EQ(faults.injected(), 3U);
}

TEST_F(FaultModuleTest, UnparsableRulesAreRefused) {
  for (const char* rules : {"C_Nothing:1:CKR_DEVICE_ERROR", "C_Decrypt:0:CKR_DEVICE_ERROR", "C_Decrypt:1:CKR_NOPE",
                            "C_Decrypt:1:CKR_DEVICE_ERROR:sideways", "C_Decrypt", "C_Decrypt:x:abort"}) {
    EXPECT_THROW(FaultRules{rules}, std::runtime_error) << rules;
  }
}

}  // namespace
}  // namespace v6hsm::testing
