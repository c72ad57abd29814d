// token list | token info | token init, run as the real binary on a sandbox token.
#include "cli/cli_sandbox.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TokenCommands : public CliSuite {};

TEST_F(TokenCommands, ListShowsTheSandboxTokenAsReady) {
  const auto result = sandbox().run({"token", "list"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("LABEL"));
  EXPECT_THAT(result.out, HasSubstr("org"));
  EXPECT_THAT(result.out, HasSubstr("ready"));
}

TEST_F(TokenCommands, InfoShowsTheRsaMechanisms) {
  const auto result = sandbox().run({"--token", kTokenLabel, "token", "info"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("token         org"));
  EXPECT_THAT(result.out, HasSubstr("CKM_RSA_PKCS "));
  EXPECT_THAT(result.out, HasSubstr("state         ready"));
}

TEST_F(TokenCommands, InitMakesAFreeTokenUsableWithTheNewPin) {
  const Environment pins{{"NEW_SO_PIN", "fresh-so-pin"}, {"NEW_USER_PIN", "fresh-user-pin"}};
  const auto init = sandbox().run(
      {"--pin-source", "env:NEW_USER_PIN", "token", "init", "--label", "fresh", "--so-pin-source", "env:NEW_SO_PIN"},
      {}, pins);
  ASSERT_EQ(init.exit_code, 0) << describe(init);
  EXPECT_THAT(init.err, HasSubstr("token 'fresh' is ready"));

  const auto listed = sandbox().run({"--token", "fresh", "--pin-source", "env:NEW_USER_PIN", "key", "list"}, {}, pins);
  EXPECT_EQ(listed.exit_code, 0) << describe(listed);
  EXPECT_THAT(listed.err, HasSubstr("no RSA private keys on this token"));

  const auto tokens = sandbox().run({"token", "list"});
  EXPECT_THAT(tokens.out, HasSubstr("fresh"));
  EXPECT_THAT(tokens.out + tokens.err, Not(HasSubstr("fresh-user-pin")));
}

TEST_F(TokenCommands, InitWithoutALabelIsAUsageError) {
  const auto result = sandbox().run(
      {"--pin-source", "env:V6HSM_TEST_USER_PIN", "token", "init", "--so-pin-source", "env:V6HSM_TEST_USER_PIN"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("token init needs --label LABEL"));
}

}  // namespace
}  // namespace v6hsm::cli_test
