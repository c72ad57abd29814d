#include "v6hsm/token/key_info.hpp"

namespace v6hsm::token {
namespace {

std::string to_hex(const Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const auto byte : bytes) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0f]);
  }
  return text;
}

}  // namespace

std::string KeyRef::describe() const {
  std::string text;
  if (!label.empty()) {
    text = "label '" + label + "'";
  }
  if (!id.empty()) {
    text += (text.empty() ? "" : ", ") + std::string("id ") + to_hex(id);
  }
  return text.empty() ? "any key" : text;
}

std::string KeyInfo::id_hex() const { return to_hex(id); }

std::vector<std::string> attribute_warnings(const KeyAttributes& key) {
  std::vector<std::string> warnings;
  const auto warn_if = [&warnings](bool weak, const char* text) {
    if (weak) {
      warnings.emplace_back(text);
    }
  };
  warn_if(!key.sensitive, "CKA_SENSITIVE is FALSE: the token will reveal the private key to anyone logged in");
  warn_if(key.extractable, "CKA_EXTRACTABLE is TRUE: the private key can be wrapped and taken off the token");
  warn_if(!key.always_sensitive,
          "CKA_ALWAYS_SENSITIVE is FALSE: the key was imported or was once readable, so copies may exist");
  warn_if(!key.never_extractable,
          "CKA_NEVER_EXTRACTABLE is FALSE: the key was imported or was once extractable, so copies may exist");
  warn_if(key.sign, "CKA_SIGN is TRUE: vantage6 only needs decryption; a decrypt-only key limits misuse");
  warn_if(!key.decrypt && !key.unwrap,
          "neither CKA_DECRYPT nor CKA_UNWRAP is TRUE: the key cannot recover vantage6 secrets");
  warn_if(!key.is_private, "CKA_PRIVATE is FALSE: the key can be used without logging in");
  warn_if(!key.on_token, "CKA_TOKEN is FALSE: the key disappears when the session ends");
  return warnings;
}

}  // namespace v6hsm::token
