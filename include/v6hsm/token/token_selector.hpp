// Picking one token out of a module's list: by label, by serial, or by the token attributes of a
// PKCS#11 URI. Pure code over TokenInfo values, so it is tested without a token.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "v6hsm/token/pkcs11_uri.hpp"
#include "v6hsm/token/token_info.hpp"

namespace v6hsm::token {

struct TokenSelector {
  std::optional<std::string> label;
  std::optional<std::string> serial;
  std::optional<unsigned long> slot_id;
  std::optional<std::string> manufacturer;
  std::optional<std::string> model;

  static TokenSelector by_label(std::string label);
  static TokenSelector by_serial(std::string serial);
  static TokenSelector from_uri(const Pkcs11Uri& uri);

  bool matches(const TokenInfo& token) const;
  // "label 'org', serial '1234'", for messages.
  std::string describe() const;
};

// The one matching token. Throws NotFoundError when none matches (listing what is there), and InputError
// when several do (an empty selector matches every token, so it only succeeds when there is one).
TokenInfo select_token(const std::vector<TokenInfo>& tokens, const TokenSelector& selector);

}  // namespace v6hsm::token
