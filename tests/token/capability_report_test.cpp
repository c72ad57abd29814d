// The doctor report: SoftHSM2's known capability fingerprint, the key's attributes and strategy.
#include <algorithm>

#include "token_test_fixture.hpp"
#include "v6hsm/token/capability_report.hpp"

namespace v6hsm::testing {
namespace {

bool has_flag(const token::MechanismReport& mechanism, const std::string& flag) {
  return std::find(mechanism.flag_names.begin(), mechanism.flag_names.end(), flag) != mechanism.flag_names.end();
}

const token::MechanismReport& mechanism_named(const token::CapabilityReport& report, const std::string& name) {
  const auto found = std::find_if(report.mechanisms.begin(), report.mechanisms.end(),
                                  [&](const auto& mechanism) { return mechanism.name == name; });
  EXPECT_NE(found, report.mechanisms.end()) << name;
  return *found;
}

TEST_F(TokenTest, ReportShowsSoftHsmMechanismsAndTheKey) {
  token::generate_key(token(), spec_with_label("vantage6"));
  const auto report = token::build_capability_report(token(), token::KeyRef::by_label("vantage6"));
  EXPECT_EQ(report.module.manufacturer, "SoftHSM");
  EXPECT_EQ(report.token.label, kTokenLabel);
  const auto& rsa = mechanism_named(report, "CKM_RSA_PKCS");
  EXPECT_TRUE(rsa.supported);
  EXPECT_TRUE(has_flag(rsa, "CKF_DECRYPT"));
  EXPECT_TRUE(has_flag(rsa, "CKF_UNWRAP"));
  EXPECT_GE(rsa.max_key_size, 4096UL);
  EXPECT_TRUE(has_flag(mechanism_named(report, "CKM_RSA_PKCS_KEY_PAIR_GEN"), "CKF_GENERATE_KEY_PAIR"));
  EXPECT_TRUE(mechanism_named(report, "CKM_AES_CTR").supported);
  ASSERT_TRUE(report.key);
  EXPECT_EQ(report.key->bits(), 2048);
  EXPECT_EQ(report.strategy, token::RecoveryStrategy::decrypt);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
}

TEST_F(TokenTest, ReportListsProblemsInsteadOfThrowing) {
  const auto missing = token::build_capability_report(token(), token::KeyRef::by_label("absent"));
  EXPECT_FALSE(missing.key);
  ASSERT_EQ(missing.problems.size(), 1U);
  EXPECT_NE(missing.problems.front().find("absent"), std::string::npos);

  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_label("imported"));
  const auto imported = token::build_capability_report(token(), token::KeyRef::by_label("imported"));
  ASSERT_TRUE(imported.key);
  // An imported key existed outside the token, and the report says so.
  EXPECT_FALSE(imported.key->attributes.always_sensitive);
  EXPECT_FALSE(imported.problems.empty());
}

}  // namespace
}  // namespace v6hsm::testing
