#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::token {

std::string_view strategy_name(RecoveryStrategy strategy) noexcept {
  switch (strategy) {
    case RecoveryStrategy::automatic: return "auto";
    case RecoveryStrategy::decrypt: return "decrypt";
    case RecoveryStrategy::unwrap: return "unwrap";
  }
  return "unknown";
}

RecoveryStrategy parse_strategy(std::string_view text) {
  for (const auto strategy : {RecoveryStrategy::automatic, RecoveryStrategy::decrypt, RecoveryStrategy::unwrap}) {
    if (text == strategy_name(strategy)) {
      return strategy;
    }
  }
  throw InputError("unknown recovery strategy '" + std::string(text) + "'; use auto, decrypt or unwrap");
}

RecoveryStrategy choose_strategy(RecoveryStrategy requested, const KeyAttributes& key,
                                 const RsaPkcsSupport& token) {
  const bool can_decrypt = key.decrypt && token.decrypt;
  const bool can_unwrap = key.unwrap && token.unwrap;
  const auto why_not = [](bool key_allows, bool token_allows, const char* attribute, const char* flag) {
    return std::string(key_allows ? "" : std::string("the key lacks ") + attribute) +
           (key_allows || token_allows ? "" : " and ") +
           (token_allows ? "" : std::string("the token's CKM_RSA_PKCS lacks ") + flag);
  };
  switch (requested) {
    case RecoveryStrategy::decrypt:
      if (!can_decrypt) {
        throw TokenError("cannot recover secrets with C_Decrypt: " +
                         why_not(key.decrypt, token.decrypt, "CKA_DECRYPT", "CKF_DECRYPT"));
      }
      return requested;
    case RecoveryStrategy::unwrap:
      if (!can_unwrap) {
        throw TokenError("cannot recover secrets with C_UnwrapKey: " +
                         why_not(key.unwrap, token.unwrap, "CKA_UNWRAP", "CKF_UNWRAP"));
      }
      return requested;
    case RecoveryStrategy::automatic:
      break;
  }
  if (can_decrypt) return RecoveryStrategy::decrypt;
  if (can_unwrap) return RecoveryStrategy::unwrap;
  throw TokenError("this key cannot recover vantage6 secrets: C_Decrypt is impossible because " +
                   why_not(key.decrypt, token.decrypt, "CKA_DECRYPT", "CKF_DECRYPT") +
                   ", and C_UnwrapKey because " + why_not(key.unwrap, token.unwrap, "CKA_UNWRAP", "CKF_UNWRAP") +
                   "; generate or import a key with CKA_DECRYPT");
}

}  // namespace v6hsm::token
