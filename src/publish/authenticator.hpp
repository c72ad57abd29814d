// The three ways of logging in (4.x node API key, 4.x user, 5.x Keycloak node), behind one interface so
// the client does not care which one it uses.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "publish/http_transport.hpp"
#include "v6hsm/publish/credentials.hpp"

namespace v6hsm::publish {

struct SessionTokens {
  SecureBytes access;
  SecureBytes refresh;  // empty for Keycloak service accounts, which get a new grant instead
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual SessionTokens login(HttpTransport& transport) = 0;
  // A new access token after the old one expired.
  virtual SessionTokens renew(HttpTransport& transport, const SessionTokens& current) = 0;
  // The resource that describes the logged-in identity and holds its "organization".
  virtual std::string identity_resource(const SessionTokens& tokens) const = 0;
};

std::unique_ptr<Authenticator> make_authenticator(const ServerUrl& url, Credentials credentials);
std::unique_ptr<Authenticator> make_node_api_key_authenticator(const ServerUrl& url, NodeApiKeyCredentials credentials);
std::unique_ptr<Authenticator> make_user_authenticator(const ServerUrl& url, UserCredentials credentials);
std::unique_ptr<Authenticator> make_keycloak_node_authenticator(KeycloakNodeCredentials credentials);

}  // namespace v6hsm::publish
