#include "publish/authenticator.hpp"

#include <variant>

namespace v6hsm::publish {

std::unique_ptr<Authenticator> make_authenticator(const ServerUrl& url, Credentials credentials) {
  struct Factory {
    const ServerUrl& url;
    std::unique_ptr<Authenticator> operator()(NodeApiKeyCredentials&& c) const {
      return make_node_api_key_authenticator(url, std::move(c));
    }
    std::unique_ptr<Authenticator> operator()(UserCredentials&& c) const {
      return make_user_authenticator(url, std::move(c));
    }
    std::unique_ptr<Authenticator> operator()(KeycloakNodeCredentials&& c) const {
      return make_keycloak_node_authenticator(std::move(c));
    }
  };
  return std::visit(Factory{url}, std::move(credentials));
}

}  // namespace v6hsm::publish
