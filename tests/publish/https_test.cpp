// HTTPS against the test server in TLS mode: the right CA works, a wrong CA or host name is refused.
#include <gtest/gtest.h>

#include "credentials_for_tests.hpp"
#include "test_keys.hpp"
#include "support/tls_material.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "server_error_of.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

class HttpsTest : public ::testing::Test {
 protected:
  std::string tls_error_with(const V6ServerProcess& server, const std::filesystem::path& ca_bundle) {
    auto options = server.options();
    options.ca_bundle = ca_bundle;
    const auto error = server_error_of([&] { publish::fetch_server_version(options); });
    EXPECT_EQ(error.http_status(), 0);
    return error.what();
  }

  TlsMaterial tls;
  std::filesystem::path ca = tls.make_ca("test-ca");
};

TEST_F(HttpsTest, RightCaWorksForTheWholeFlow) {
  V6ServerProcess server(TlsMaterial::server_arguments(tls.make_server_certificate("test-ca", "IP:127.0.0.1")));
  ASSERT_TRUE(server.tls());
  auto options = server.options();
  options.ca_bundle = ca;
  auto client = publish::Vantage6Client::connect(options, node_credentials(kNodeAlpha));
  const auto report = publish::sync_public_key(client, test_public_key("A"), publish::SyncPolicy::publish_if_absent);
  EXPECT_EQ(report.outcome, publish::SyncOutcome::published);
}

TEST_F(HttpsTest, WrongCaIsRefused) {
  V6ServerProcess server(TlsMaterial::server_arguments(tls.make_server_certificate("test-ca", "IP:127.0.0.1")));
  const auto other_ca = tls.make_ca("other-ca");
  const auto message = tls_error_with(server, other_ca);
  EXPECT_NE(message.find("TLS connection failed"), std::string::npos);
  EXPECT_EQ(message.find("after"), std::string::npos) << "a TLS failure is not retried";
}

TEST_F(HttpsTest, WrongHostNameIsRefused) {
  V6ServerProcess server(TlsMaterial::server_arguments(tls.make_server_certificate("test-ca", "DNS:other.example")));
  const auto message = tls_error_with(server, ca);
  EXPECT_NE(message.find("TLS connection failed"), std::string::npos);
  EXPECT_NE(message.find("127.0.0.1"), std::string::npos);
}

TEST_F(HttpsTest, MissingCaBundleFileIsRefused) {
  V6ServerProcess server(TlsMaterial::server_arguments(tls.make_server_certificate("test-ca", "IP:127.0.0.1")));
  EXPECT_NE(tls_error_with(server, "/nonexistent/ca.pem").find("TLS"), std::string::npos);
}

}  // namespace
}  // namespace v6hsm::test
