// The token arguments every Python entry point takes (module, token or uri, key, key_id, pin_source),
// resolved the way the v6hsm command line resolves --module, --token/--uri, --key/--id and --pin-source:
// an argument left as None falls back to V6HSM_MODULE, V6HSM_TOKEN, V6HSM_URI, V6HSM_PIN_SOURCE; the key
// defaults to the URI's object/id, else the label "vantage6"; the PIN comes from the URI's pin-value /
// pin-source, else from pin_source, else from a prompt on the terminal.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::python {

struct TokenArguments {
  std::optional<std::filesystem::path> module;
  std::optional<std::string> token;
  std::optional<std::string> uri;
  std::optional<std::string> key;
  std::optional<std::string> key_id;  // hex
  std::optional<std::string> pin_source;
};

// One module per path for the whole process, shared by every cryptor and function: a second Module
// would find the module initialized by the first and then lose it when the first one finalizes it.
std::shared_ptr<token::Module> shared_module(const std::optional<std::filesystem::path>& path);

class TokenSession {
 public:
  // Throws InputError for conflicting or malformed arguments.
  explicit TokenSession(TokenArguments arguments);

  const std::shared_ptr<token::Module>& module();
  // The selected token (or the only one), not logged in.
  token::Token& token();
  token::Token& logged_in_token();
  token::KeyRef key_ref() const;

 private:
  TokenArguments arguments_;
  std::optional<token::Pkcs11Uri> uri_;
  std::shared_ptr<token::Module> module_;
  std::optional<token::Token> token_;
  bool logged_in_ = false;
};

}  // namespace v6hsm::python
