// Builds credentials for the standard seed of the test server.
#pragma once

#include <string_view>

#include "v6hsm/publish/credentials.hpp"

namespace v6hsm::test {

inline SecureBytes secret(std::string_view text) { return to_secure_bytes(as_bytes(text)); }

inline publish::NodeApiKeyCredentials node_credentials(std::string_view api_key) {
  return publish::NodeApiKeyCredentials{secret(api_key)};
}

}  // namespace v6hsm::test
