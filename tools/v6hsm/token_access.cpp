#include "token_access.hpp"

#include "v6hsm/error.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/token_selector.hpp"

namespace v6hsm::cli {

void add_key_options(CLI::App& command, KeyOptions& options, bool with_id) {
  command.add_option("--key", options.label, "Key label (CKA_LABEL); default 'vantage6'");
  if (with_id) command.add_option("--id", options.id_hex, "Key id (CKA_ID) in hex, e.g. 01 or a1b2c3");
}

Bytes parse_hex_id(const std::string& hex) {
  if (hex.empty() || hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    throw InputError("--id must be an even number of hex digits, e.g. 01 or a1b2c3");
  }
  Bytes id;
  for (std::size_t i = 0; i < hex.size(); i += 2) id.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return id;
}

TokenAccess::TokenAccess(Context& context) : context_(context) {
  const auto& global = context_.global;
  if (!global.uri.empty() && !global.token.empty()) {
    throw InputError("give either --token or --uri, not both");
  }
  if (!global.uri.empty()) uri_ = token::parse_pkcs11_uri(global.uri);
}

std::shared_ptr<token::Module> TokenAccess::shared_module() {
  if (!module_) {
    std::optional<std::filesystem::path> explicit_path;
    if (!context_.global.module.empty()) {
      explicit_path = context_.global.module;
    } else if (uri_ && uri_->module_path) {
      explicit_path = *uri_->module_path;
    }
    const auto path = token::resolve_module_path(explicit_path);
    context_.console.detail("loading PKCS#11 module " + path.string());
    module_ = token::Module::load(path);
  }
  return module_;
}

token::Module& TokenAccess::module() { return *shared_module(); }

token::Token& TokenAccess::token() {
  if (!token_) {
    token::TokenSelector selector;
    if (uri_) {
      selector = token::TokenSelector::from_uri(*uri_);
    } else if (!context_.global.token.empty()) {
      selector = token::TokenSelector::by_label(context_.global.token);
    }
    token_ = token::Token::open(shared_module(), selector);
    context_.console.detail("using " + token_->description());
  }
  return *token_;
}

token::Token& TokenAccess::logged_in_token() {
  auto& opened = token();
  if (logged_in_) return opened;
  std::optional<SecretSource> source;
  if (!context_.global.pin_source.empty()) source = SecretSource::parse(context_.global.pin_source);
  const auto request = uri_ ? token::LoginRequest::from_uri(*uri_, source)
                            : token::LoginRequest::from_source(source ? *source : SecretSource::parse("prompt"));
  const auto report = opened.login(request);
  for (const auto& warning : report.warnings) context_.console.warn(warning);
  if (report.protected_authentication_path) context_.console.detail("logged in through the token's PIN pad");
  logged_in_ = true;
  return opened;
}

token::KeyRef TokenAccess::key_ref(const KeyOptions& options) const {
  token::KeyRef ref;
  ref.label = options.label;
  if (!options.id_hex.empty()) ref.id = parse_hex_id(options.id_hex);
  if (ref.label.empty() && ref.id.empty() && uri_) {
    if (uri_->object) ref.label = *uri_->object;
    if (uri_->id) ref.id = *uri_->id;
  }
  if (ref.label.empty() && ref.id.empty()) ref.label = token::kDefaultKeyLabel;
  return ref;
}

}  // namespace v6hsm::cli
