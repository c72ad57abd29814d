#include "v6hsm/token/token_selector.hpp"

#include "v6hsm/error.hpp"

namespace v6hsm::token {
namespace {

bool field_matches(const std::optional<std::string>& wanted, const std::string& actual) {
  return !wanted || *wanted == actual;
}

void append_part(std::string& text, const char* name, const std::optional<std::string>& value) {
  if (value) {
    text += (text.empty() ? "" : ", ") + std::string(name) + " '" + *value + "'";
  }
}

std::string describe_tokens(const std::vector<TokenInfo>& tokens) {
  std::string text;
  for (const auto& token : tokens) {
    text += (text.empty() ? "" : "; ") + std::string("slot ") + std::to_string(token.slot_id) + ": " +
            (token.initialized() ? "label '" + token.label + "', serial '" + token.serial + "'"
                                 : std::string("not initialized"));
  }
  return text.empty() ? "no tokens at all" : text;
}

}  // namespace

TokenSelector TokenSelector::by_label(std::string label) {
  TokenSelector selector;
  selector.label = std::move(label);
  return selector;
}

TokenSelector TokenSelector::by_serial(std::string serial) {
  TokenSelector selector;
  selector.serial = std::move(serial);
  return selector;
}

TokenSelector TokenSelector::from_uri(const Pkcs11Uri& uri) {
  return TokenSelector{uri.token, uri.serial, uri.slot_id, uri.manufacturer, uri.model};
}

bool TokenSelector::matches(const TokenInfo& token) const {
  return field_matches(label, token.label) && field_matches(serial, token.serial) &&
         field_matches(manufacturer, token.manufacturer) && field_matches(model, token.model) &&
         (!slot_id || *slot_id == token.slot_id);
}

std::string TokenSelector::describe() const {
  std::string text;
  append_part(text, "label", label);
  append_part(text, "serial", serial);
  append_part(text, "manufacturer", manufacturer);
  append_part(text, "model", model);
  if (slot_id) {
    append_part(text, "slot", std::to_string(*slot_id));
  }
  return text.empty() ? "any token" : text;
}

TokenInfo select_token(const std::vector<TokenInfo>& tokens, const TokenSelector& selector) {
  std::vector<TokenInfo> matching;
  for (const auto& token : tokens) {
    // Uninitialized tokens have no label or serial to select by, so only an explicit slot reaches them.
    if ((token.initialized() || selector.slot_id) && selector.matches(token)) {
      matching.push_back(token);
    }
  }
  if (matching.empty()) {
    throw NotFoundError("no token matches " + selector.describe() + "; the module has " +
                        describe_tokens(tokens));
  }
  if (matching.size() > 1) {
    throw InputError(std::to_string(matching.size()) + " tokens match " + selector.describe() + " (" +
                     describe_tokens(matching) + "); select one by serial");
  }
  return matching.front();
}

}  // namespace v6hsm::token
