// The test server answers exactly as vantage6 4.14 did in the exchanges recorded in appendix D of
// vantage6-protocol.md: same status codes, same bodies. The client tests rely on this.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_keys.hpp"
#include "v6hsm/base64.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

nlohmann::json jwt_claims(const std::string& token) {
  const auto first = token.find('.');
  auto payload = token.substr(first + 1, token.find('.', first + 1) - first - 1);
  std::replace(payload.begin(), payload.end(), '-', '+');
  std::replace(payload.begin(), payload.end(), '_', '/');
  payload.append((4 - payload.size() % 4) % 4, '=');
  return nlohmann::json::parse(to_string(base64_decode(payload)));
}

class V6ServerConformanceTest : public ::testing::Test {
 protected:
  RawAnswer post_json(const std::string& path, const std::string& body, const std::string& bearer = "") {
    return server.raw({"POST", path, body, "application/json", bearer});
  }
  RawAnswer patch_organization(int id, const std::string& body, const std::string& bearer) {
    return server.raw({"PATCH", "/api/organization/" + std::to_string(id), body, "application/json", bearer});
  }
  RawAnswer get(const std::string& path, const std::string& bearer = "") {
    return server.raw({"GET", path, "", "", bearer});
  }
  std::string node_token() {
    return nlohmann::json::parse(post_json("/api/token/node", R"({"api_key": ")" + std::string(kNodeAlpha) + R"("})").body)
        .at("access_token");
  }
  std::string public_key_of(int id, const std::string& bearer) {
    return nlohmann::json::parse(get("/api/organization/" + std::to_string(id), bearer).body).at("public_key");
  }

  V6ServerProcess server;
};

TEST_F(V6ServerConformanceTest, NodeLogin) {
  const auto answer = post_json("/api/token/node", R"({"api_key": ")" + std::string(kNodeAlpha) + R"("})");
  ASSERT_EQ(answer.status, 200);
  const auto body = nlohmann::json::parse(answer.body);
  EXPECT_EQ(body.size(), 4U);
  EXPECT_EQ(body.at("refresh_url"), "/api/token/refresh");
  EXPECT_EQ(body.at("node_url"), "/api/node/3");
  EXPECT_EQ(answer.header("jwt-token"), body.at("access_token"));
  const auto claims = jwt_claims(body.at("access_token"));
  EXPECT_EQ(claims.at("sub"), 3);
  EXPECT_TRUE(claims.at("sub").is_number_integer());
  EXPECT_EQ(claims.at("type"), "access");
  EXPECT_EQ(claims.at("client_type"), "node");
  EXPECT_EQ(claims.at("fresh"), false);
  EXPECT_EQ(claims.at("roles"), nlohmann::json::array());
  EXPECT_EQ(claims.at("exp").get<long>() - claims.at("iat").get<long>(), 6 * 3600);
  for (const char* claim : {"jti", "nbf", "csrf"}) EXPECT_TRUE(claims.contains(claim)) << claim;
}

TEST_F(V6ServerConformanceTest, NodeLoginErrors) {
  const auto unknown = post_json("/api/token/node", R"({"api_key": "11111111-2222-4333-8444-555555555555"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, R"({"msg": "Api key is not recognized!"})");
  const auto empty = post_json("/api/token/node", "{}");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body,
            R"({"msg": "Request body is incorrect", "errors": {"api_key": ["Missing data for required field."]}})");
  const auto not_uuid = post_json("/api/token/node", R"({"api_key": "abc"})");
  EXPECT_EQ(not_uuid.status, 400);
  EXPECT_EQ(not_uuid.body, R"({"msg": "Request body is incorrect", "errors": {"api_key": ["API key is not a valid UUID"]}})");
}

TEST_F(V6ServerConformanceTest, RefreshGivesTheSameFourKeys) {
  const auto login =
      nlohmann::json::parse(post_json("/api/token/node", R"({"api_key": ")" + std::string(kNodeAlpha) + R"("})").body);
  const auto answer = server.raw({"POST", "/api/token/refresh", "", "", login.at("refresh_token")});
  ASSERT_EQ(answer.status, 200);
  const auto body = nlohmann::json::parse(answer.body);
  EXPECT_EQ(body.size(), 4U);
  EXPECT_EQ(body.at("node_url"), "/api/node/3");
  EXPECT_EQ(jwt_claims(body.at("access_token")).at("type"), "access");
}

TEST_F(V6ServerConformanceTest, NodeResource) {
  const auto body = nlohmann::json::parse(get("/api/node/3", node_token()).body);
  EXPECT_EQ(body.at("type"), "node");
  EXPECT_EQ(body.at("id"), 3);
  EXPECT_EQ(body.at("organization"),
            (nlohmann::json{{"id", 1}, {"link", "/api/organization/1"}, {"methods", {"GET", "PATCH", "DELETE"}}}));
  EXPECT_EQ(body.at("collaboration").at("id"), 1);
}

TEST_F(V6ServerConformanceTest, OrganizationResource) {
  const auto missing_token = get("/api/organization/1");
  EXPECT_EQ(missing_token.status, 401);
  EXPECT_EQ(missing_token.body, R"({"msg":"Missing Authorization Header"})");
  const auto body = nlohmann::json::parse(get("/api/organization/1", node_token()).body);
  EXPECT_EQ(body.at("public_key"), "");
  EXPECT_EQ(body.at("name"), "org-alpha");
  EXPECT_EQ(body.at("tasks"), "/api/task?init_org_id=1");
  for (const char* key : {"domain", "address1", "address2", "zipcode", "country", "nodes", "studies", "collaborations",
                          "runs", "users"}) {
    EXPECT_TRUE(body.contains(key)) << key;
  }
}

TEST_F(V6ServerConformanceTest, PublishStoresDecodedBytesAndReencodesCanonically) {
  const auto token = node_token();
  const auto canonical = test_api_string("A");
  std::string wrapped;
  for (std::size_t i = 0; i < canonical.size(); i += 64) wrapped += canonical.substr(i, 64) + "\\n";
  const auto answer = patch_organization(1, R"({"public_key": ")" + wrapped + R"("})", token);
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(nlohmann::json::parse(answer.body).at("public_key"), canonical);
  EXPECT_EQ(public_key_of(1, token), canonical);
}

TEST_F(V6ServerConformanceTest, PublishErrorsAndEdgeCases) {
  const auto token = node_token();
  ASSERT_EQ(patch_organization(1, R"({"public_key": ")" + test_api_string("A") + R"("})", token).status, 200);

  const auto other = patch_organization(2, R"({"public_key": "aGVsbG8="})", token);
  EXPECT_EQ(other.status, 401);
  EXPECT_EQ(other.body, R"({"msg": "You lack the permission to do that!"})");

  const auto not_string = patch_organization(1, R"({"public_key": 5})", token);
  EXPECT_EQ(not_string.status, 400);
  EXPECT_EQ(not_string.body, R"({"msg": "Request body is incorrect", "errors": {"public_key": ["Not a valid string."]}})");

  const auto not_base64 = patch_organization(1, R"({"public_key": "abc"})", token);
  EXPECT_EQ(not_base64.status, 500);
  EXPECT_EQ(not_base64.body, R"({"msg":"An unexpected error occurred on the server!"})");

  const auto no_json = server.raw({"PATCH", "/api/organization/1", R"({"public_key": ""})", "text/plain", token});
  EXPECT_EQ(no_json.status, 400);

  EXPECT_EQ(patch_organization(1, "{}", token).status, 200);
  EXPECT_EQ(patch_organization(1, R"({"public_key": null})", token).status, 200);
  EXPECT_EQ(public_key_of(1, token), test_api_string("A")) << "{} and null change nothing";

  EXPECT_EQ(patch_organization(1, R"({"public_key": ""})", token).status, 200);
  EXPECT_EQ(public_key_of(1, token), "") << "an empty string clears the key";
}

TEST_F(V6ServerConformanceTest, UserLogin) {
  const auto answer =
      post_json("/api/token/user", R"({"username": "alice", "password": ")" + std::string(kAlicePassword) + R"("})");
  ASSERT_EQ(answer.status, 200);
  const auto body = nlohmann::json::parse(answer.body);
  EXPECT_EQ(body.at("user_url"), "/api/user/2");
  EXPECT_EQ(jwt_claims(body.at("access_token")).at("sub"), 2);
  EXPECT_EQ(jwt_claims(body.at("access_token")).at("client_type"), "user");
  const auto wrong = post_json("/api/token/user", R"({"username": "alice", "password": "nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, R"({"msg": "Failed to login"})");
  const auto no_code = post_json("/api/token/user", R"({"username": "bob", "password": ")" + std::string(kBobPassword) + R"("})");
  EXPECT_EQ(no_code.status, 200);
  EXPECT_EQ(no_code.body, R"({"msg": "Please include your two-factor authentication code"})");
}

TEST_F(V6ServerConformanceTest, Version) {
  const auto answer = get("/api/version");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, R"({"version": "4.14.0"})");
}

}  // namespace
}  // namespace v6hsm::test
