// Turning the global options (--module, --token / --uri, --pin-source) and --key / --id into a loaded
// module, an opened and logged-in token, and a key reference, through the library's token API.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::cli {

struct KeyOptions {
  std::string label;   // --key
  std::string id_hex;  // --id
};

void add_key_options(CLI::App& command, KeyOptions& options, bool with_id = true);

class TokenAccess {
 public:
  explicit TokenAccess(Context& context);

  token::Module& module();
  std::shared_ptr<token::Module> shared_module();
  // The token picked by --token / --uri, or the only initialized token. Not logged in.
  token::Token& token();
  // The same token, logged in with the PIN from --pin-source or the URI (warnings are printed).
  token::Token& logged_in_token();
  // --key / --id, else the URI's object / id, else the default label "vantage6".
  token::KeyRef key_ref(const KeyOptions& options) const;

 private:
  Context& context_;
  std::optional<token::Pkcs11Uri> uri_;
  std::shared_ptr<token::Module> module_;
  std::optional<token::Token> token_;
  bool logged_in_ = false;
};

Bytes parse_hex_id(const std::string& hex);

}  // namespace v6hsm::cli
