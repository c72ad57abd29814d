// Publishing as a 4.x node against the local server: round trip, repeated sync, two different keys for one
// organization, permissions, and the server's own answers for missing organizations and bad values.
#include <gtest/gtest.h>

#include "credentials_for_tests.hpp"
#include "test_keys.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "server_error_of.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

using publish::SyncOutcome;
using publish::SyncPolicy;
using publish::Vantage6Client;

class NodePublishTest : public ::testing::Test {
 protected:
  Vantage6Client connect(const char* api_key) {
    return Vantage6Client::connect(server.options(), node_credentials(api_key));
  }
  V6ServerProcess server;
};

TEST_F(NodePublishTest, NodeLoginLearnsItsOrganization) {
  EXPECT_EQ(connect(kNodeAlpha).organization_id(), 1);
  EXPECT_EQ(connect(kNodeBeta).organization_id(), 2);
  EXPECT_EQ(server.count("GET", "/api/node/3"), 1);
}

TEST_F(NodePublishTest, RoundTripPublishesExactBytesAndSecondSyncChangesNothing) {
  auto client = connect(kNodeAlpha);
  const auto ours = test_public_key("B");

  const auto first = publish::sync_public_key(client, ours, SyncPolicy::publish_if_absent);
  EXPECT_EQ(first.outcome, SyncOutcome::published);
  EXPECT_FALSE(first.server_fingerprint.has_value());
  EXPECT_EQ(first.our_fingerprint, ours.fingerprint());

  const auto stored = client.organization_key(1);
  EXPECT_EQ(stored.api_string, test_api_string("B"));
  EXPECT_EQ(stored.pem, to_bytes(ours.spki_pem()));
  ASSERT_TRUE(stored.key.has_value());
  EXPECT_TRUE(*stored.key == ours);

  const auto second = publish::sync_public_key(client, ours, SyncPolicy::publish_if_absent);
  EXPECT_EQ(second.outcome, SyncOutcome::already_current);
  EXPECT_EQ(second.server_fingerprint, ours.fingerprint());
  EXPECT_NE(second.explanation.find("nothing to do"), std::string::npos);
  EXPECT_EQ(server.count("PATCH", "/api/organization/1"), 1);
}

TEST_F(NodePublishTest, CheckOnlyNeverPatches) {
  auto client = connect(kNodeAlpha);
  const auto report = publish::sync_public_key(client, test_public_key("A"), SyncPolicy::check_only);
  EXPECT_EQ(report.outcome, SyncOutcome::absent);
  EXPECT_FALSE(client.organization_key(1).published());
  EXPECT_EQ(server.count("PATCH", "/api/organization/1"), 0);
}

TEST_F(NodePublishTest, DifferentKeyIsRefusedWithoutReplaceFlagAndReplacedWithIt) {
  auto first_node = connect(kNodeAlpha);
  auto second_node = connect(kNodeAlphaSpare);
  const auto key_a = test_public_key("A");
  const auto key_b = test_public_key("B");
  ASSERT_EQ(publish::sync_public_key(first_node, key_a, SyncPolicy::publish_if_absent).outcome, SyncOutcome::published);

  const auto refused = publish::sync_public_key(second_node, key_b, SyncPolicy::publish_if_absent);
  EXPECT_EQ(refused.outcome, SyncOutcome::refused_different);
  EXPECT_EQ(refused.server_fingerprint, key_a.fingerprint());
  EXPECT_EQ(refused.our_fingerprint, key_b.fingerprint());
  EXPECT_NE(refused.explanation.find(key_a.fingerprint()), std::string::npos);
  EXPECT_NE(refused.explanation.find(key_b.fingerprint()), std::string::npos);
  EXPECT_NE(refused.explanation.find("replace flag"), std::string::npos);
  EXPECT_EQ(second_node.organization_key(1).api_string, key_a.api_string());

  const auto checked = publish::sync_public_key(second_node, key_b, SyncPolicy::check_only);
  EXPECT_EQ(checked.outcome, SyncOutcome::refused_different);

  const auto replaced = publish::sync_public_key(second_node, key_b, SyncPolicy::replace_if_different);
  EXPECT_EQ(replaced.outcome, SyncOutcome::replaced);
  EXPECT_EQ(replaced.server_fingerprint, key_a.fingerprint());
  EXPECT_EQ(first_node.organization_key(1).api_string, test_api_string("B"));
  EXPECT_EQ(server.count("PATCH", "/api/organization/1"), 2);
}

TEST_F(NodePublishTest, PatchingAnotherOrganizationIsDenied) {
  auto client = connect(kNodeAlpha);
  const auto error = server_error_of([&] { client.set_public_key(2, test_api_string("A")); });
  EXPECT_EQ(error.kind(), ErrorKind::server);
  EXPECT_EQ(error.http_status(), 401);
  EXPECT_EQ(error.server_message(), "You lack the permission to do that!");
  EXPECT_NE(message_of(error).find("You lack the permission to do that!"), std::string::npos);
  EXPECT_FALSE(client.organization_key(2).published());
}

TEST_F(NodePublishTest, ReadsOtherOrganizationsOfItsCollaboration) {
  auto beta = connect(kNodeBeta);
  beta.set_public_key(2, test_api_string("A"));
  auto alpha = connect(kNodeAlpha);
  const auto key = alpha.organization_key(2);
  EXPECT_TRUE(key.require_key() == test_public_key("A"));
}

TEST_F(NodePublishTest, OrganizationOutsideTheCollaborationIsRefused) {
  auto client = connect(kNodeAlpha);
  const auto error = server_error_of([&] { client.organization_key(9); });
  EXPECT_EQ(error.http_status(), 401);
  EXPECT_EQ(error.server_message(), "You do not have permission to do that!");
}

TEST_F(NodePublishTest, MissingOrganizationIsNotFound) {
  auto client = connect(kNodeAlpha);
  const auto error = server_error_of([&] { client.organization_key(77); });
  EXPECT_EQ(error.kind(), ErrorKind::not_found);
  EXPECT_EQ(error.http_status(), 404);
  EXPECT_EQ(error.server_message(), "Organization id=77 not found!");
  EXPECT_EQ(server.count("GET", "/api/organization/77"), 1) << "a 404 must not be retried";
}

TEST_F(NodePublishTest, OrganizationWithoutKeyCannotBeEncryptedFor) {
  auto client = connect(kNodeAlpha);
  const auto key = client.organization_key(2);
  EXPECT_FALSE(key.published());
  EXPECT_EQ(server_error_of([&] { key.require_key(); }).kind(), ErrorKind::not_found);
}

TEST_F(NodePublishTest, NonBase64ValueGetsTheServers500AfterRetries) {
  auto client = connect(kNodeAlpha);
  const auto error = server_error_of([&] { client.set_public_key(1, "abc"); });
  EXPECT_EQ(error.http_status(), 500);
  EXPECT_EQ(error.server_message(), "An unexpected error occurred on the server!");
  EXPECT_NE(message_of(error).find("not valid base64"), std::string::npos);
  EXPECT_EQ(server.count("PATCH", "/api/organization/1"), 4) << "one attempt and three retries";
}

TEST_F(NodePublishTest, PublishedGarbageIsReportedAsUnreadable) {
  auto client = connect(kNodeAlpha);
  client.set_public_key(1, "aGVsbG8=");
  const auto key = client.organization_key(1);
  EXPECT_TRUE(key.published());
  EXPECT_FALSE(key.key.has_value());
  EXPECT_THROW(key.require_key(), publish::ServerError);
  const auto report = publish::sync_public_key(client, test_public_key("A"), SyncPolicy::publish_if_absent);
  EXPECT_EQ(report.outcome, SyncOutcome::refused_different);
  EXPECT_NE(report.server_fingerprint->find("unreadable"), std::string::npos);
}

TEST_F(NodePublishTest, UnknownApiKeyIsRefusedWithoutEchoingIt) {
  const char* unknown = "11111111-2222-4333-8444-555555555555";
  const auto error = server_error_of([&] { connect(unknown); });
  EXPECT_EQ(error.http_status(), 401);
  EXPECT_EQ(error.server_message(), "Api key is not recognized!");
  EXPECT_EQ(message_of(error).find(unknown), std::string::npos);
}

TEST_F(NodePublishTest, MalformedApiKeyShowsTheServersFieldErrors) {
  const auto error = server_error_of([&] { connect("not-a-uuid"); });
  EXPECT_EQ(error.http_status(), 400);
  EXPECT_NE(message_of(error).find("API key is not a valid UUID"), std::string::npos);
  EXPECT_EQ(message_of(error).find("not-a-uuid"), std::string::npos);
}

TEST_F(NodePublishTest, WrongApiPathIsAServerErrorNotAMissingThing) {
  auto options = publish::ServerOptions::for_url(server.origin() + "/v6/api");
  const auto error = server_error_of([&] { Vantage6Client::connect(options, node_credentials(kNodeAlpha)); });
  EXPECT_EQ(error.kind(), ErrorKind::server);
  EXPECT_EQ(error.http_status(), 404);
  EXPECT_NE(message_of(error).find("/v6/api/token/node"), std::string::npos);
  EXPECT_NE(message_of(error).find("API path"), std::string::npos);
}

TEST_F(NodePublishTest, VersionNeedsNoLogin) {
  EXPECT_EQ(publish::fetch_server_version(server.options()), "4.14.0");
  EXPECT_EQ(connect(kNodeAlpha).server_version(), "4.14.0");
}

}  // namespace
}  // namespace v6hsm::test
