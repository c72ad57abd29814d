// Where the user PIN comes from when logging in. In order of precedence: a URI pin-value, a URI
// pin-source, an explicit SecretSource (env:, file:, prompt). A token with a protected authentication
// path (PIN pad) ignores all of them and logs in with a NULL PIN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "v6hsm/secret_source.hpp"
#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"

namespace v6hsm::token {

struct LoginRequest {
  std::optional<SecureBytes> pin_value;
  std::optional<SecretSource> pin_source;
  // Wrong PINs typed at a prompt are asked again up to this many times in total; a PIN from a file, the
  // environment or a URI is never retried, because every retry burns one of the token's attempts.
  int prompt_attempts = 3;

  static LoginRequest from_source(SecretSource source);
  // Takes pin-value / pin-source from the URI (a pin-source that is a bare path means "file:PATH").
  // `fallback` is used when the URI names neither.
  static LoginRequest from_uri(const Pkcs11Uri& uri, std::optional<SecretSource> fallback = {});
};

struct LoginReport {
  bool protected_authentication_path = false;
  bool already_logged_in = false;
  // Low or final PIN counters, seen before or after the login.
  std::vector<std::string> warnings;
};

}  // namespace v6hsm::token
