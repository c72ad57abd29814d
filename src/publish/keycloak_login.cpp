#include "publish/authenticator.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"

namespace v6hsm::publish {
namespace {

// vantage6 5.x node: a Keycloak client-credentials grant. There is no refresh token for service
// accounts, so renewing means asking for a new grant.
class KeycloakNodeAuthenticator final : public Authenticator {
 public:
  explicit KeycloakNodeAuthenticator(KeycloakNodeCredentials credentials) : credentials_(std::move(credentials)) {}

  SessionTokens login(HttpTransport& transport) override {
    const HttpRequest request{"POST", token_url(), nullptr, grant_body(), "application/x-www-form-urlencoded"};
    const auto response = transport.send(request);
    if (response.status != 200) {
      throw_for_status(response, request,
                       "getting a Keycloak token for client '" + client_id() + "' (the node's API key is its secret)");
    }
    const auto answer = parse_json_body(response.body, request.describe());
    return {required_secret_member(answer, "access_token", request.describe()), {}};
  }

  SessionTokens renew(HttpTransport& transport, const SessionTokens& /*current*/) override { return login(transport); }

  std::string identity_resource(const SessionTokens& /*tokens*/) const override { return "/node/me"; }

 private:
  std::string client_id() const { return credentials_.node_name + "-node-client"; }

  std::string token_url() const {
    std::string base = credentials_.keycloak_url;
    while (base.ends_with('/')) base.pop_back();
    return base + "/realms/" + credentials_.realm + "/protocol/openid-connect/token";
  }

  SecureBytes grant_body() const {
    return form_encoded({{"grant_type", "client_credentials"},
                         {"client_id", client_id()},
                         {"client_secret", as_chars(credentials_.api_key)}});
  }

  KeycloakNodeCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_keycloak_node_authenticator(KeycloakNodeCredentials credentials) {
  return std::make_unique<KeycloakNodeAuthenticator>(std::move(credentials));
}

}  // namespace v6hsm::publish
