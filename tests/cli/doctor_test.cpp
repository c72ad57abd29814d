// doctor: a healthy token and key, a missing key (with its fix), and the optional server checks.
#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Doctor : public CliSuite {
 protected:
  static ProcessResult doctor(const Arguments& more = {}) {
    return sandbox().run_on_token(Arguments{"doctor"} + more, {}, server_secrets());
  }
};

TEST_F(Doctor, HealthyTokenAndKeyPassEveryCheck) {
  const std::string fingerprint = default_key().fingerprint();
  const auto result = doctor();
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  for (const char* check : {"module", "token", "login", "mechanisms", "key", "strategy"}) {
    EXPECT_THAT(result.out, HasSubstr(std::string("[ ok ] ") + check + ": ")) << check;
  }
  EXPECT_THAT(result.out, HasSubstr(fingerprint));
  EXPECT_THAT(result.out, Not(HasSubstr("[FAIL]")));
}

TEST_F(Doctor, MissingKeyFailsWithAFixAndExitCodeFive) {
  const auto result = doctor({"--key", "absent"});
  EXPECT_EQ(result.exit_code, 5) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("[FAIL] key: "));
  EXPECT_THAT(result.out, HasSubstr("fix: create one with 'v6hsm key create'"));
}

TEST_F(Doctor, ServerChecksFindTheKeyOnlyAfterItIsPublished) {
  default_key();
  TestServer server;
  const auto before = doctor(node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(before.exit_code, 3) << describe(before);
  EXPECT_THAT(before.out, HasSubstr("[ ok ] server: vantage6 "));
  EXPECT_THAT(before.out, HasSubstr("[ ok ] server login: organization 1"));
  EXPECT_THAT(before.out, HasSubstr("[FAIL] published key: "));
  EXPECT_THAT(before.out, HasSubstr("fix: run 'v6hsm key publish'"));

  ASSERT_EQ(sandbox().run_on_token(Arguments{"key", "publish"} + node_login(server.url(), "ALPHA_API_KEY"), {},
                                   server_secrets()).exit_code, 0);
  const auto after = doctor(node_login(server.url(), "ALPHA_API_KEY"));
  EXPECT_EQ(after.exit_code, 0) << describe(after);
  EXPECT_THAT(after.out, HasSubstr("[ ok ] published key: "));
}

TEST_F(Doctor, UnreachableServerIsReportedWithAFix) {
  default_key();
  const auto result = doctor(node_login(unreachable_server_url(), "ALPHA_API_KEY") + Arguments{"--timeout", "5"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("[FAIL] server: "));
  EXPECT_THAT(result.out, HasSubstr("fix: check --server"));
}

}  // namespace
}  // namespace v6hsm::cli_test
