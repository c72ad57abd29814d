// The other ways in: 4.x users (with and without MFA), 5.x nodes through Keycloak, and renewing an expired
// access token.
#include <gtest/gtest.h>

#include <thread>

#include "credentials_for_tests.hpp"
#include "test_keys.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "server_error_of.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

using publish::UserCredentials;
using publish::Vantage6Client;

class LoginFlowsTest : public ::testing::Test {
 protected:
  Vantage6Client connect_user(const char* username, const char* password, const char* mfa_code = nullptr) {
    UserCredentials credentials{username, secret(password), std::nullopt};
    if (mfa_code != nullptr) credentials.mfa_code = secret(mfa_code);
    return Vantage6Client::connect(server.options(), std::move(credentials));
  }
  Vantage6Client connect_keycloak_node(const char* name, const char* api_key) {
    return Vantage6Client::connect(server.options(),
                                   publish::KeycloakNodeCredentials{name, secret(api_key), server.origin(), "vantage6"});
  }
  V6ServerProcess server;
};

TEST_F(LoginFlowsTest, UserLearnsOrganizationFromUserResource) {
  auto client = connect_user("alice", kAlicePassword);
  EXPECT_EQ(client.organization_id(), 1);
  EXPECT_EQ(server.count("GET", "/api/user/2"), 1);
  const auto report = publish::sync_public_key(client, test_public_key("A"), publish::SyncPolicy::publish_if_absent);
  EXPECT_EQ(report.outcome, publish::SyncOutcome::published);
}

TEST_F(LoginFlowsTest, WrongPasswordIsRefusedWithoutEchoingIt) {
  const auto message = message_of(server_error_of([&] { connect_user("alice", "not-the-password"); }));
  EXPECT_NE(message.find("Failed to login"), std::string::npos);
  EXPECT_EQ(message.find("not-the-password"), std::string::npos);
}

TEST_F(LoginFlowsTest, MfaUserWithoutCodeGetsClearError) {
  const auto message = message_of(server_error_of([&] { connect_user("bob", kBobPassword); }));
  EXPECT_NE(message.find("two-factor"), std::string::npos);
  EXPECT_NE(message.find("MFA code"), std::string::npos);
}

TEST_F(LoginFlowsTest, MfaUserWithRightCodeLogsIn) {
  EXPECT_EQ(connect_user("bob", kBobPassword, kBobMfaCode).organization_id(), 2);
}

TEST_F(LoginFlowsTest, MfaUserWithWrongCodeIsRefused) {
  const auto message = message_of(server_error_of([&] { connect_user("bob", kBobPassword, "000000"); }));
  EXPECT_NE(message.find("HTTP 401"), std::string::npos);
  EXPECT_EQ(message.find("000000"), std::string::npos);
}

TEST_F(LoginFlowsTest, MfaSetUpAnswerIsAClearErrorThatHidesTheOtpSecret) {
  const auto message = message_of(server_error_of([&] { connect_user("carol", "carol-pw"); }));
  EXPECT_NE(message.find("set up two-factor"), std::string::npos);
  EXPECT_EQ(message.find("otpauth"), std::string::npos);
  EXPECT_EQ(message.find("secret="), std::string::npos);
}

TEST_F(LoginFlowsTest, UserWithoutEditPermissionCannotPublish) {
  auto client = connect_user("dave", "dave-pw");
  const auto message = message_of(server_error_of(
      [&] { publish::sync_public_key(client, test_public_key("A"), publish::SyncPolicy::publish_if_absent); }));
  EXPECT_NE(message.find("You lack the permission to do that!"), std::string::npos);
}

TEST_F(LoginFlowsTest, KeycloakClientCredentialsFlowPublishes) {
  auto client = connect_keycloak_node("beta", kNodeBeta);
  EXPECT_EQ(client.organization_id(), 2);
  EXPECT_EQ(server.count("POST", "/realms/vantage6/protocol/openid-connect/token"), 1);
  EXPECT_EQ(server.count("GET", "/api/node/me"), 1);
  const auto report = publish::sync_public_key(client, test_public_key("B"), publish::SyncPolicy::publish_if_absent);
  EXPECT_EQ(report.outcome, publish::SyncOutcome::published);
  EXPECT_EQ(client.organization_key(2).api_string, test_api_string("B"));
}

TEST_F(LoginFlowsTest, KeycloakWrongSecretIsRefusedWithoutEchoingIt) {
  const char* wrong = "99999999-2222-4333-8444-555555555555";
  const auto message = message_of(server_error_of([&] { connect_keycloak_node("beta", wrong); }));
  EXPECT_NE(message.find("Invalid client or Invalid client credentials"), std::string::npos);
  EXPECT_NE(message.find("beta-node-client"), std::string::npos);
  EXPECT_EQ(message.find(wrong), std::string::npos);
}

TEST_F(LoginFlowsTest, KeycloakWrongRealmIsNotFound) {
  const auto error = server_error_of([&] {
    Vantage6Client::connect(server.options(),
                            publish::KeycloakNodeCredentials{"beta", secret(kNodeBeta), server.origin(), "nope"});
  });
  EXPECT_EQ(error.http_status(), 404);
  EXPECT_EQ(error.server_message(), "Realm does not exist");
}

class TokenExpiryTest : public LoginFlowsTest {
 protected:
  // Lets the tokens issued at login expire, while tokens issued from now on live long.
  void let_login_tokens_expire() {
    server.control({{"token_lifetime_s", 3600}});
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  }
};

TEST_F(TokenExpiryTest, NodeRefreshesOnceAndCarriesOn) {
  server.control({{"token_lifetime_s", 1}});
  auto client = Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha));
  let_login_tokens_expire();
  EXPECT_FALSE(client.organization_key(1).published());
  EXPECT_EQ(server.count("POST", "/api/token/refresh"), 1);
  EXPECT_EQ(server.count("GET", "/api/organization/1"), 2) << "expired attempt, then the renewed one";
  client.organization_key(1);
  EXPECT_EQ(server.count("POST", "/api/token/refresh"), 1) << "the renewed token is kept";
}

TEST_F(TokenExpiryTest, UserRefreshes) {
  server.control({{"token_lifetime_s", 1}});
  auto client = connect_user("alice", kAlicePassword);
  let_login_tokens_expire();
  client.set_public_key(1, test_api_string("A"));
  EXPECT_EQ(server.count("POST", "/api/token/refresh"), 1);
}

TEST_F(TokenExpiryTest, KeycloakNodeTakesANewGrant) {
  server.control({{"token_lifetime_s", 1}});
  auto client = connect_keycloak_node("beta", kNodeBeta);
  let_login_tokens_expire();
  EXPECT_FALSE(client.organization_key(2).published());
  EXPECT_EQ(server.count("POST", "/realms/vantage6/protocol/openid-connect/token"), 2);
}

TEST_F(TokenExpiryTest, TokenThatExpiresAgainAfterRefreshIsAnError) {
  server.control({{"token_lifetime_s", 0}});
  const auto message =
      message_of(server_error_of([&] { Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha)); }));
  EXPECT_NE(message.find("Token has expired"), std::string::npos);
  EXPECT_EQ(server.count("POST", "/api/token/refresh"), 1) << "refresh once, not in a loop";
}

}  // namespace
}  // namespace v6hsm::test
