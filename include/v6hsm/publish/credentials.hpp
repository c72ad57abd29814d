// How a client proves who it is to vantage6. Secrets are held in wiping buffers; read them with
// v6hsm::SecretSource ("env:NAME", "file:PATH", "prompt"), never from argv.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::publish {

// vantage6 4.x node: POST /token/node with the node's API key (a UUID).
struct NodeApiKeyCredentials {
  SecureBytes api_key;
};

// vantage6 4.x user: POST /token/user with username, password and, when MFA is on, the current code.
struct UserCredentials {
  std::string username;
  SecureBytes password;
  std::optional<SecureBytes> mfa_code;
};

// vantage6 5.x node: a Keycloak client-credentials grant for client "<node_name>-node-client", whose
// client secret is the node's API key.
struct KeycloakNodeCredentials {
  std::string node_name;
  SecureBytes api_key;
  std::string keycloak_url;  // e.g. "https://auth.example.org"; the realm path is added
  std::string realm = "vantage6";
};

using Credentials = std::variant<NodeApiKeyCredentials, UserCredentials, KeycloakNodeCredentials>;

}  // namespace v6hsm::publish
