#include "token_session.hpp"

#include <cstdlib>
#include <map>
#include <mutex>

#include "v6hsm/error.hpp"
#include "v6hsm/secret_source.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/token_selector.hpp"

namespace v6hsm::python {
namespace {

void fall_back_to_environment(std::optional<std::string>& argument, const char* variable) {
  if (argument) return;
  if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') argument = value;
}

int hex_digit(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

Bytes parse_key_id(const std::string& hex) {
  Bytes id;
  for (std::size_t index = 0; index + 1 < hex.size(); index += 2) {
    const int high = hex_digit(hex[index]);
    const int low = hex_digit(hex[index + 1]);
    if (high < 0 || low < 0) break;
    id.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  if (hex.empty() || id.size() * 2 != hex.size()) {
    throw InputError("key_id must be an even number of hex digits, e.g. '01' or 'a1b2c3'");
  }
  return id;
}

}  // namespace

std::shared_ptr<token::Module> shared_module(const std::optional<std::filesystem::path>& path) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::weak_ptr<token::Module>> loaded;
  const auto resolved = token::resolve_module_path(path);
  const std::lock_guard lock(mutex);
  auto& entry = loaded[resolved];
  auto module = entry.lock();
  if (!module) {
    module = token::Module::load(resolved);
    entry = module;
  }
  return module;
}

TokenSession::TokenSession(TokenArguments arguments) : arguments_(std::move(arguments)) {
  if (!arguments_.token && !arguments_.uri) {
    fall_back_to_environment(arguments_.token, "V6HSM_TOKEN");
    fall_back_to_environment(arguments_.uri, "V6HSM_URI");
  }
  fall_back_to_environment(arguments_.pin_source, "V6HSM_PIN_SOURCE");
  if (arguments_.token && arguments_.uri) throw InputError("give either token= or uri=, not both");
  if (arguments_.uri) uri_ = token::parse_pkcs11_uri(*arguments_.uri);
  if (uri_ && (uri_->object || uri_->id) && (arguments_.key || arguments_.key_id)) {
    throw InputError("the URI already names the key (object= or id=): leave key= and key_id= unset");
  }
  if (!arguments_.module && uri_ && uri_->module_path) arguments_.module = *uri_->module_path;
}

const std::shared_ptr<token::Module>& TokenSession::module() {
  if (!module_) module_ = shared_module(arguments_.module);
  return module_;
}

token::Token& TokenSession::token() {
  if (!token_) {
    token::TokenSelector selector;
    if (uri_) selector = token::TokenSelector::from_uri(*uri_);
    if (arguments_.token) selector = token::TokenSelector::by_label(*arguments_.token);
    token_ = token::Token::open(module(), selector);
  }
  return *token_;
}

token::Token& TokenSession::logged_in_token() {
  auto& opened = token();
  if (logged_in_) return opened;
  const auto source = SecretSource::parse(arguments_.pin_source.value_or("prompt"));
  const auto request = uri_ ? token::LoginRequest::from_uri(*uri_, source) : token::LoginRequest::from_source(source);
  static_cast<void>(opened.login(request));
  logged_in_ = true;
  return opened;
}

token::KeyRef TokenSession::key_ref() const {
  token::KeyRef ref;
  if (arguments_.key) ref.label = *arguments_.key;
  if (arguments_.key_id) ref.id = parse_key_id(*arguments_.key_id);
  if (uri_ && uri_->object) ref.label = *uri_->object;
  if (uri_ && uri_->id) ref.id = *uri_->id;
  if (ref.label.empty() && ref.id.empty()) ref.label = token::kDefaultKeyLabel;
  return ref;
}

}  // namespace v6hsm::python
