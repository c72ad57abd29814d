#include "publish/secure_json.hpp"
#include "publish/v4_authenticator.hpp"

namespace v6hsm::publish {
namespace {

// vantage6 4.x: POST /token/node {"api_key": ...}; the token's "sub" is the node id.
class NodeApiKeyAuthenticator final : public V4Authenticator {
 public:
  NodeApiKeyAuthenticator(const ServerUrl& url, NodeApiKeyCredentials credentials)
      : V4Authenticator(url, "/token/node", "/node"), credentials_(std::move(credentials)) {}

 private:
  SecureBytes login_body() const override { return json_string_object({{"api_key", as_chars(credentials_.api_key)}}); }
  std::string login_action() const override { return "logging in as a node with its API key"; }

  NodeApiKeyCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_node_api_key_authenticator(const ServerUrl& url, NodeApiKeyCredentials credentials) {
  return std::make_unique<NodeApiKeyAuthenticator>(url, std::move(credentials));
}

}  // namespace v6hsm::publish
