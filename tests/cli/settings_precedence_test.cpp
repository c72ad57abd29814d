// Where option values come from: the command line beats V6HSM_* variables, which beat the settings file.
// The flags that destroy or replace keys count only on the command line.
#include "cli/cli_sandbox.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

class SettingsPrecedence : public CliSuite {
 protected:
  static Arguments with_config(const std::filesystem::path& file, const Arguments& arguments) {
    return Arguments{"--config", file.string()} + arguments;
  }
};

TEST_F(SettingsPrecedence, TokenFromFileIsOverriddenByEnvironmentThenByCommandLine) {
  default_key();
  const auto file = sandbox().write_file("token.conf",
                                         "# settings for the precedence test\n"
                                         "[v6hsm]\n"
                                         "token = no-such-token\n"
                                         "pin-source = env:V6HSM_TEST_USER_PIN\n");
  const auto from_file = sandbox().run(with_config(file, {"key", "list"}));
  EXPECT_EQ(from_file.exit_code, 5) << describe(from_file);
  EXPECT_THAT(from_file.err, HasSubstr("no-such-token"));

  const auto from_environment = sandbox().run(with_config(file, {"key", "list"}), {}, {{"V6HSM_TOKEN", kTokenLabel}});
  EXPECT_EQ(from_environment.exit_code, 0) << describe(from_environment);

  const auto from_command_line = sandbox().run(with_config(file, {"--token", kTokenLabel, "key", "list"}), {},
                                               {{"V6HSM_TOKEN", "another-missing-token"}});
  EXPECT_EQ(from_command_line.exit_code, 0) << describe(from_command_line);

  const auto wrong_on_command_line = sandbox().run(with_config(file, {"--token", "no-such-token", "key", "list"}), {},
                                                   {{"V6HSM_TOKEN", kTokenLabel}});
  EXPECT_EQ(wrong_on_command_line.exit_code, 5) << describe(wrong_on_command_line);
}

TEST_F(SettingsPrecedence, SubcommandOptionFollowsTheSameOrder) {
  const PublicKey& key = default_key();
  const auto file = sandbox().write_file("format.conf", "format = api\n");
  const Arguments show = with_config(file, token_options() + Arguments{"key", "show"});
  EXPECT_EQ(sandbox().run(show).out, key.api_string() + "\n");
  EXPECT_EQ(sandbox().run(show, {}, {{"V6HSM_FORMAT", "fingerprint"}}).out, key.fingerprint() + "\n");
  EXPECT_EQ(sandbox().run(show + Arguments{"--format", "pem"}, {}, {{"V6HSM_FORMAT", "fingerprint"}}).out,
            key.spki_pem());
}

TEST_F(SettingsPrecedence, SettingsFileIsFoundThroughV6hsmConfigAndXdgConfigHome) {
  default_key();
  const auto file = sandbox().write_file("env-named.conf", "token = no-such-token\n");
  const auto named = sandbox().run(token_options() + Arguments{"key", "list"}, {}, {{"V6HSM_CONFIG", file.string()}});
  EXPECT_EQ(named.exit_code, 0) << "the command line still wins: " << describe(named);
  const auto from_named = sandbox().run({"--pin-source", "env:V6HSM_TEST_USER_PIN", "key", "list"}, {},
                                        {{"V6HSM_CONFIG", file.string()}});
  EXPECT_EQ(from_named.exit_code, 5) << describe(from_named);

  const auto config_home = sandbox().directory() / "xdg";
  std::filesystem::create_directories(config_home / "v6hsm");
  sandbox().write_file("xdg/v6hsm/config", "token = no-such-token\n");
  const auto from_default_place = sandbox().run({"--pin-source", "env:V6HSM_TEST_USER_PIN", "key", "list"}, {},
                                                {{"XDG_CONFIG_HOME", config_home.string()}});
  EXPECT_EQ(from_default_place.exit_code, 5) << describe(from_default_place);
}

TEST_F(SettingsPrecedence, YesFromEnvironmentOrFileNeverDeletesAKey) {
  const std::string fingerprint = default_key().fingerprint();
  const auto file = sandbox().write_file("yes.conf", "yes = true\noverwrite = true\n");
  const Arguments remove = token_options() + Arguments{"key", "delete", "--key", kDefaultKey};
  const auto environment_yes = sandbox().run(remove, {}, {{"V6HSM_YES", "true"}});
  EXPECT_EQ(environment_yes.exit_code, 1) << describe(environment_yes);
  EXPECT_THAT(environment_yes.err, HasSubstr("Add --yes"));
  const auto file_yes = sandbox().run(with_config(file, remove));
  EXPECT_EQ(file_yes.exit_code, 1) << describe(file_yes);

  const auto recreate = sandbox().run(with_config(file, token_options() + Arguments{"key", "create", "--bits", "2048"}),
                                      {}, {{"V6HSM_OVERWRITE", "true"}});
  EXPECT_EQ(recreate.exit_code, 0) << describe(recreate);
  EXPECT_THAT(recreate.err, HasSubstr("already exists"));

  EXPECT_EQ(sandbox().run_on_token({"key", "show", "--format", "fingerprint"}).out, fingerprint + "\n");
}

TEST_F(SettingsPrecedence, MalformedSettingsLineNamesTheLine) {
  const auto file = sandbox().write_file("broken.conf", "token = org\nthis line has no equals sign\n");
  const auto result = sandbox().run(with_config(file, {"token", "list"}));
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("line 2"));
}

}  // namespace
}  // namespace v6hsm::cli_test
