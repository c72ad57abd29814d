// key publish | key verify against the bundled test server: first publication, the no-op repeat, the
// refusal to replace a different key without --replace, and user login instead of a node API key.
#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

class PublishCommands : public CliSuite {
 protected:
  ProcessResult key_command(const std::string& verb, const Arguments& more) {
    return sandbox().run_on_token(Arguments{"key", verb} + more, {}, server_secrets());
  }

  TestServer server;
};

TEST_F(PublishCommands, PublishThenVerifyThenPublishAgainIsANoOp) {
  const std::string fingerprint = default_key().fingerprint();
  const auto before = key_command("verify", node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(before.exit_code, 3) << describe(before);

  const auto published = key_command("publish", node_login(server.url(), "ALPHA_API_KEY"));
  ASSERT_EQ(published.exit_code, 0) << describe(published);
  EXPECT_THAT(published.err, HasSubstr("ours:   " + fingerprint));

  const auto verified = key_command("verify", node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(verified.exit_code, 0) << describe(verified);
  EXPECT_THAT(verified.err, HasSubstr("server: " + fingerprint));

  const auto again = key_command("publish", node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(again.exit_code, 0) << describe(again);
}

TEST_F(PublishCommands, DifferentKeyIsReplacedOnlyWithReplace) {
  default_key();
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "previous", "--bits", "2048"}).exit_code, 0);
  ASSERT_EQ(key_command("publish", Arguments{"--key", "previous"} + node_login(server.url(), "GAMMA_API_KEY")).exit_code, 0);

  const auto refused = key_command("publish", node_login(server.url(), "GAMMA_API_KEY"));
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("--replace"));
  EXPECT_EQ(key_command("verify", Arguments{"--key", "previous"} + node_login(server.url(), "GAMMA_API_KEY")).exit_code, 0)
      << "a refused publication must leave the server's key alone";

  const auto replaced = key_command("publish", Arguments{"--replace"} + node_login(server.url(), "GAMMA_API_KEY"));
  EXPECT_EQ(replaced.exit_code, 0) << describe(replaced);
  EXPECT_EQ(key_command("verify", node_login(server.url(), "GAMMA_API_KEY")).exit_code, 0);
  EXPECT_EQ(key_command("verify", Arguments{"--key", "previous"} + node_login(server.url(), "GAMMA_API_KEY")).exit_code, 3);
}

TEST_F(PublishCommands, UserLoginPublishesForTheUsersOrganization) {
  default_key();
  const auto published =
      key_command("publish", {"--server", server.url(), "--user", "alice", "--password-source", "env:ALICE_PASSWORD"});
  ASSERT_EQ(published.exit_code, 0) << describe(published);
  EXPECT_EQ(key_command("verify", node_login(server.url(), "ALPHA_API_KEY")).exit_code, 0);
}

TEST_F(PublishCommands, UnknownApiKeyIsAServerFailure) {
  default_key();
  Environment secrets = server_secrets();
  secrets["UNKNOWN_API_KEY"] = "00000000-0000-4000-8000-000000000000";
  const auto result =
      sandbox().run_on_token(Arguments{"key", "publish"} + node_login(server.url(), "UNKNOWN_API_KEY"), {}, secrets);
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("error: "));
}

}  // namespace
}  // namespace v6hsm::cli_test
