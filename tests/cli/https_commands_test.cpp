// key publish | key verify | doctor over HTTPS: the test server in TLS mode with a certificate from a
// throwaway CA. The CA given by --ca-bundle (or V6HSM_CA_BUNDLE) is trusted; without it the system trust
// store does not know the CA, and the command fails as a server failure that says so.
#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"
#include "support/tls_material.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

class HttpsCommands : public CliSuite {
 protected:
  ProcessResult command(const Arguments& arguments, Environment environment = server_secrets()) {
    return sandbox().run_on_token(arguments, {}, environment);
  }

  Arguments ca_bundle() const { return {"--ca-bundle", ca.string()}; }

  test::TlsMaterial tls;
  std::filesystem::path ca = tls.make_ca("cli-test-ca");
  TestServer server{test::TlsMaterial::server_arguments(tls.make_server_certificate("cli-test-ca", "IP:127.0.0.1"))};
};

TEST_F(HttpsCommands, PublishAndVerifyTrustTheGivenCaBundle) {
  default_key();
  ASSERT_THAT(server.url(), ::testing::StartsWith("https://127.0.0.1:"));
  const auto published = command(Arguments{"key", "publish"} + node_login(server.url(), "ALPHA_API_KEY") + ca_bundle());
  ASSERT_EQ(published.exit_code, 0) << describe(published);
  const auto verified = command(Arguments{"key", "verify"} + node_login(server.url(), "ALPHA_API_KEY") + ca_bundle());
  EXPECT_EQ(verified.exit_code, 0) << describe(verified);
  EXPECT_THAT(verified.err, HasSubstr("server: " + default_key().fingerprint()));
}

TEST_F(HttpsCommands, CaBundleCanComeFromTheEnvironment) {
  default_key();
  Environment environment = server_secrets();
  environment["V6HSM_CA_BUNDLE"] = ca.string();
  const auto published = command(Arguments{"key", "publish"} + node_login(server.url(), "BETA_API_KEY"), environment);
  EXPECT_EQ(published.exit_code, 0) << describe(published);
}

TEST_F(HttpsCommands, UnknownCaIsAServerFailureThatNamesTls) {
  default_key();
  const auto refused = command(Arguments{"key", "publish"} + node_login(server.url(), "GAMMA_API_KEY"));
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("TLS"));
  const auto verified =
      command(Arguments{"key", "verify"} + node_login(server.url(), "GAMMA_API_KEY") + ca_bundle());
  EXPECT_EQ(verified.exit_code, 3) << "nothing was published through the refused connection: " << describe(verified);
}

TEST_F(HttpsCommands, DoctorChecksTheServerOverHttps) {
  default_key();
  const auto published = command(Arguments{"key", "publish"} + node_login(server.url(), "ALPHA_API_KEY") + ca_bundle());
  ASSERT_EQ(published.exit_code, 0) << describe(published);
  const auto trusted = command(Arguments{"doctor"} + node_login(server.url(), "ALPHA_API_KEY") + ca_bundle());
  EXPECT_EQ(trusted.exit_code, 0) << describe(trusted);
  EXPECT_THAT(trusted.out, HasSubstr("[ ok ] server: vantage6"));
  const auto untrusted = command(Arguments{"doctor"} + node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(untrusted.exit_code, 3) << describe(untrusted);
  EXPECT_THAT(untrusted.out, HasSubstr("--ca-bundle"));
}

}  // namespace
}  // namespace v6hsm::cli_test
