// Safe key handling: no command replaces a token key or a server key without its explicit command-line
// flag (a flag from the environment or the settings file does not count), and no command ever prints
// private key material, whatever the format.
#include <nlohmann/json.hpp>

#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SafeKeyHandling : public CliSuite {
 protected:
  static std::string fingerprint_of(const std::string& label) {
    return sandbox().run_on_token({"key", "show", "--key", label, "--format", "fingerprint"}).out;
  }

  // A settings file and an environment that both say yes to every destructive flag.
  static std::filesystem::path eager_settings() {
    return sandbox().write_file("eager.conf", "yes = true\noverwrite = true\nreplace = true\n");
  }
  static Environment eager_environment() {
    auto environment = server_secrets();
    environment["V6HSM_YES"] = "true";
    environment["V6HSM_OVERWRITE"] = "1";
    environment["V6HSM_REPLACE"] = "true";
    return environment;
  }
  static ProcessResult run_eagerly(const Arguments& arguments) {
    return sandbox().run(Arguments{"--config", eager_settings().string()} + token_options() + arguments, {},
                         eager_environment());
  }
};

TEST_F(SafeKeyHandling, ImportOverADifferentKeyNeedsOverwriteOnTheCommandLine) {
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "import-target", "--bits", "2048"}).exit_code, 0);
  const std::string original = fingerprint_of("import-target");
  const auto pem = sandbox().write_file("stranger.pem", openssl_private_key_pem(sandbox(), 2048));
  const Arguments import{"key", "import", "--pem", pem.string(), "--key", "import-target"};

  const auto plain = sandbox().run_on_token(import);
  EXPECT_NE(plain.exit_code, 0) << describe(plain);
  EXPECT_THAT(plain.err, HasSubstr("overwrite it"));
  const auto eager = run_eagerly(import);
  EXPECT_NE(eager.exit_code, 0) << describe(eager);
  EXPECT_EQ(fingerprint_of("import-target"), original) << "the token key is unchanged";

  const auto forced = sandbox().run_on_token(import + Arguments{"--overwrite"});
  EXPECT_EQ(forced.exit_code, 0) << describe(forced);
  EXPECT_NE(fingerprint_of("import-target"), original);
}

TEST_F(SafeKeyHandling, CreateAndDeleteIgnoreEagerSettingsAndEnvironment) {
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "keep-me", "--bits", "2048"}).exit_code, 0);
  const std::string original = fingerprint_of("keep-me");
  const auto create = run_eagerly({"key", "create", "--key", "keep-me", "--bits", "2048"});
  EXPECT_EQ(create.exit_code, 0) << describe(create);
  EXPECT_THAT(create.err, HasSubstr("already exists"));
  const auto remove = run_eagerly({"key", "delete", "--key", "keep-me"});
  EXPECT_EQ(remove.exit_code, 1) << describe(remove);
  EXPECT_THAT(remove.err, HasSubstr("Add --yes"));
  EXPECT_EQ(fingerprint_of("keep-me"), original);
}

TEST_F(SafeKeyHandling, ServerKeyIsReplacedOnlyWithReplaceOnTheCommandLine) {
  default_key();
  TestServer server;
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "first-published", "--bits", "2048"}).exit_code, 0);
  const auto publish = [&](const std::string& label, const Arguments& more) {
    return sandbox().run_on_token(Arguments{"--json", "key", "publish", "--key", label} + more +
                                      node_login(server.url(), "GAMMA_API_KEY"),
                                  {}, eager_environment());
  };
  ASSERT_EQ(publish("first-published", {}).exit_code, 0);
  const auto verify = [&] {
    const auto result = sandbox().run_on_token(Arguments{"--json", "key", "verify", "--key", "first-published"} +
                                                   node_login(server.url(), "GAMMA_API_KEY"),
                                               {}, server_secrets());
    return nlohmann::json::parse(result.out).at("outcome").get<std::string>();
  };

  const auto settings = Arguments{"--config", eager_settings().string()};
  const auto refused = sandbox().run(settings + token_options() + Arguments{"--json", "key", "publish"} +
                                         node_login(server.url(), "GAMMA_API_KEY"),
                                     {}, eager_environment());
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_EQ(nlohmann::json::parse(refused.out).at("outcome"), "refused_different");
  EXPECT_EQ(verify(), "already_current") << "the server still holds the first key";

  const auto replaced = publish(kDefaultKey, {"--replace"});
  EXPECT_EQ(replaced.exit_code, 0) << describe(replaced);
  EXPECT_EQ(nlohmann::json::parse(replaced.out).at("outcome"), "replaced");
  EXPECT_NE(verify(), "already_current");
}

TEST_F(SafeKeyHandling, NoCommandPrintsPrivateKeyMaterial) {
  default_key();
  std::vector<Arguments> commands;
  for (const char* format : {"pem", "api", "fingerprint"}) commands.push_back({"key", "show", "--format", format});
  for (const auto& json : {Arguments{}, Arguments{"--json"}}) {
    commands.push_back(json + Arguments{"key", "show"});
    commands.push_back(json + Arguments{"key", "list"});
    commands.push_back(json + Arguments{"-v", "token", "info"});
  }
  for (const auto& command : commands) {
    const auto result = sandbox().run_on_token(command);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    for (const char* marker : {"PRIVATE KEY", "privateExponent", "private_exponent", "prime1", "coefficient"}) {
      EXPECT_THAT(result.out + result.err, Not(HasSubstr(marker))) << ::testing::PrintToString(command);
    }
  }
}

TEST_F(SafeKeyHandling, KeyShowPrintsOnlyThePublicHalf) {
  // The pem format is exactly the SPKI of the public key: nothing else rides along. (default_key() makes
  // the key when this test runs on its own, as ctest runs it.)
  const std::string expected = default_key().spki_pem();
  const auto pem = sandbox().run_on_token({"key", "show", "--format", "pem"});
  ASSERT_EQ(pem.exit_code, 0) << describe(pem);
  EXPECT_EQ(pem.out, expected);
}

}  // namespace
}  // namespace v6hsm::cli_test
