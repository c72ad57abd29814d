#include "publish/authenticator.hpp"
#include "publish/jwt_subject.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"

namespace v6hsm::publish {
namespace {

// vantage6 4.x: POST /token/node {"api_key": ...}; the token's "sub" is the node id.
class NodeApiKeyAuthenticator final : public Authenticator {
 public:
  NodeApiKeyAuthenticator(const ServerUrl& url, NodeApiKeyCredentials credentials)
      : url_(url), credentials_(std::move(credentials)) {}

  SessionTokens login(HttpTransport& transport) override {
    auto body = json_string_object({{"api_key", as_chars(credentials_.api_key)}});
    const auto url = url_.endpoint("/token/node");
    const auto response = post_json(transport, url, std::move(body));
    if (response.status != 200) {
      throw_for_status(response, HttpRequest{"POST", url, nullptr, {}, {}}, "logging in as a node with its API key");
    }
    return read_token_pair(response, "POST " + url);
  }

  SessionTokens renew(HttpTransport& transport, const SessionTokens& current) override {
    return refresh_token_pair(transport, url_, current);
  }

  std::string identity_resource(const SessionTokens& tokens) const override {
    return "/node/" + std::to_string(jwt_integer_subject(tokens.access));
  }

 private:
  ServerUrl url_;
  NodeApiKeyCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_node_api_key_authenticator(const ServerUrl& url, NodeApiKeyCredentials credentials) {
  return std::make_unique<NodeApiKeyAuthenticator>(url, std::move(credentials));
}

}  // namespace v6hsm::publish
