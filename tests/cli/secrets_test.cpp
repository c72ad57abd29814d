// A known PIN, API key and password go through every flow, with --verbose and on failures; none of them
// may ever show up on stdout or stderr.
#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kWrongPin = "wrong-pin-4417";
constexpr const char* kWrongPassword = "wrong-password-8820";
constexpr const char* kSoPin = "secret-so-pin-5531";
constexpr const char* kNewUserPin = "secret-user-pin-5532";
constexpr const char* kMfaCode = "731905";
constexpr const char* kUnknownApiKey = "0bad5eed-3c2d-4e1f-a0b9-8c7d6e5f4a3b";

class Secrets : public CliSuite {
 protected:
  void SetUp() override {
    default_key();
    sandbox().write_file("pin-file", std::string(testing::kUserPin) + "\n");
  }

  // Runs with every secret available in the environment and checks the output for all of them.
  ProcessResult run(const Arguments& arguments, std::string_view input = {}) {
    Environment secrets = server_secrets();
    secrets["WRONG_PIN"] = kWrongPin;
    secrets["WRONG_PASSWORD"] = kWrongPassword;
    secrets["SO_PIN"] = kSoPin;
    secrets["NEW_USER_PIN"] = kNewUserPin;
    secrets["MFA_CODE"] = kMfaCode;
    secrets["UNKNOWN_API_KEY"] = kUnknownApiKey;
    const auto result = sandbox().run(arguments, input, secrets);
    const std::string said = result.out + result.err;
    for (const std::string_view secret : {std::string_view(testing::kUserPin), std::string_view(kAlphaApiKey),
                                          std::string_view(kAlicePassword), std::string_view(kWrongPin),
                                          std::string_view(kWrongPassword), std::string_view(kSoPin),
                                          std::string_view(kNewUserPin), std::string_view(kMfaCode),
                                          std::string_view(kUnknownApiKey)}) {
      EXPECT_THAT(said, Not(HasSubstr(std::string(secret)))) << "leaked by: v6hsm " << ::testing::PrintToString(arguments);
    }
    return result;
  }

  static Arguments verbose_on_token(const Arguments& arguments) {
    return Arguments{"-v", "--token", kTokenLabel, "--pin-source", "file:" + (sandbox().directory() / "pin-file").string()} +
           arguments;
  }

  TestServer server;
};

TEST_F(Secrets, NeverEchoedInSuccessfulFlowsWithVerbose) {
  EXPECT_EQ(run(verbose_on_token({"key", "list"})).exit_code, 0);
  EXPECT_EQ(run(verbose_on_token({"key", "create", "--key", "verbose-made", "--bits", "2048"})).exit_code, 0);
  EXPECT_EQ(run(verbose_on_token(Arguments{"key", "publish"} + node_login(server.url(), "ALPHA_API_KEY"))).exit_code, 0);
  EXPECT_EQ(run(verbose_on_token({"key", "verify", "--server", server.url(), "--user", "alice", "--password-source",
                                  "env:ALICE_PASSWORD"})).exit_code, 0);
  const auto encrypted = run(Arguments{"-v", "encrypt", "--to-org", "1"} + node_login(server.url(), "ALPHA_API_KEY"),
                             "a task input");
  ASSERT_EQ(encrypted.exit_code, 0) << describe(encrypted);
  EXPECT_EQ(run(verbose_on_token({"decrypt"}), encrypted.out).out, "a task input");
  EXPECT_EQ(run(verbose_on_token(Arguments{"doctor"} + node_login(server.url(), "ALPHA_API_KEY"))).exit_code, 0);
  EXPECT_EQ(run({"-v", "--pin-source", "env:NEW_USER_PIN", "token", "init", "--label", "secret-check",
                 "--so-pin-source", "env:SO_PIN"}).exit_code, 0);
}

TEST_F(Secrets, NeverEchoedOnFailures) {
  EXPECT_EQ(run({"-v", "--token", kTokenLabel, "--pin-source", "env:WRONG_PIN", "key", "list"}).exit_code, 2);
  EXPECT_EQ(run(verbose_on_token({"key", "verify", "--server", server.url(), "--user", "alice", "--password-source",
                                  "env:WRONG_PASSWORD"})).exit_code, 3);
  EXPECT_EQ(run(verbose_on_token(Arguments{"key", "verify", "--timeout", "5"} +
                                 node_login(unreachable_server_url(), "ALPHA_API_KEY"))).exit_code, 3);
  EXPECT_EQ(run(verbose_on_token({"decrypt"}), "QUJD$QUJD$QUJD").exit_code, 4);
  EXPECT_EQ(run(verbose_on_token({"key", "show", "--key", "absent"})).exit_code, 5);
  EXPECT_EQ(run({"-v", "--token", kTokenLabel, "--pin", std::string(testing::kUserPin), "key", "list"}).exit_code, 1);
  EXPECT_EQ(run({"key", "publish", "--server", server.url(), "--password", kAlicePassword}).exit_code, 1);
  EXPECT_EQ(run({"key", "publish", "--server", server.url(), "--api-key=" + std::string(kAlphaApiKey)}).exit_code, 1);
}

TEST_F(Secrets, NeverEchoedWithJsonOutputOrInTheRemainingFlows) {
  const auto as_alice = Arguments{"--server", server.url(), "--user", "alice", "--password-source", "env:ALICE_PASSWORD",
                                  "--mfa-source", "env:MFA_CODE"};
  EXPECT_EQ(run(verbose_on_token(Arguments{"--json", "key", "publish"} + node_login(server.url(), "ALPHA_API_KEY")))
                .exit_code,
            0);
  EXPECT_EQ(run(verbose_on_token(Arguments{"--json", "key", "verify"} + as_alice)).exit_code, 0);
  EXPECT_EQ(run(verbose_on_token({"--json", "key", "list"})).exit_code, 0);
  EXPECT_EQ(run(verbose_on_token({"--json", "token", "info"})).exit_code, 0);
  const auto encrypted = run(Arguments{"-v", "--json", "encrypt", "--to-org", "1"} + node_login(server.url(), "ALPHA_API_KEY"),
                             "batch line");
  ASSERT_EQ(encrypted.exit_code, 0) << describe(encrypted);
  EXPECT_EQ(run(verbose_on_token({"--json", "decrypt", "--batch"}), encrypted.out + "not a payload\n").exit_code, 4);
  const auto pem = sandbox().write_file("secrets-import.pem", openssl_private_key_pem(sandbox(), 2048));
  EXPECT_EQ(run(verbose_on_token({"--json", "key", "import", "--pem", pem.string(), "--key", "secrets-import"})).exit_code,
            0);
}

TEST_F(Secrets, NeverEchoedWhenTheServerRefusesOrIsDown) {
  const auto refused = run(verbose_on_token(Arguments{"--json", "key", "verify"} + node_login(server.url(), "UNKNOWN_API_KEY")));
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_EQ(run(Arguments{"-v", "encrypt", "--to-org", "1"} + node_login(server.url(), "UNKNOWN_API_KEY"), "x").exit_code, 3);
  EXPECT_EQ(run(verbose_on_token({"key", "verify", "--server", server.url(), "--user", "alice", "--password-source",
                                  "env:WRONG_PASSWORD", "--mfa-source", "env:MFA_CODE"})).exit_code,
            3);
  EXPECT_EQ(run(Arguments{"-v", "--json", "encrypt", "--to-org", "1", "--timeout", "5"} +
                node_login(unreachable_server_url(), "ALPHA_API_KEY"),
                "x")
                .exit_code,
            3);
  EXPECT_EQ(run({"-v", "--json", "--token", kTokenLabel, "--pin-source", "env:WRONG_PIN", "decrypt"}, "QUJD$QUJD$QUJD")
                .exit_code,
            2);
  EXPECT_NE(run({"-v", "--pin-source", "env:NEW_USER_PIN", "token", "init", "--label", kTokenLabel, "--slot", "999",
                 "--so-pin-source", "env:SO_PIN"})
                .exit_code,
            0);
}

TEST_F(Secrets, SecretSourceThatDoesNotExistSaysWhichOneWithoutItsValue) {
  const auto result = run({"--token", kTokenLabel, "--pin-source", "env:UNSET_PIN_VARIABLE", "key", "list"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("UNSET_PIN_VARIABLE"));
}

}  // namespace
}  // namespace v6hsm::cli_test
