// The organization's private key on a token, as a KeyBackend for the cryptor: the wrapped AES secret of
// each message is recovered on the token, the private key never leaves it.
//
// Two strategies, both with CKM_RSA_PKCS (vantage6 wraps with PKCS#1 v1.5, never OAEP):
//   decrypt  C_Decrypt, the recovered bytes come straight back;
//   unwrap   C_UnwrapKey into a session-only generic-secret object whose CKA_VALUE is read and the object
//            destroyed at once (for tokens or keys that allow unwrapping but not decryption).
// The automatic choice prefers decrypt when both the key (CKA_DECRYPT) and the token (C_GetMechanismInfo)
// allow it. recover_wrapped_secret() is safe from many threads: each call borrows its own session.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/key_backend.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::token {

enum class RecoveryStrategy { automatic, decrypt, unwrap };

std::string_view strategy_name(RecoveryStrategy strategy) noexcept;
// "auto", "decrypt" or "unwrap"; throws InputError otherwise.
RecoveryStrategy parse_strategy(std::string_view text);

// What the token's CKM_RSA_PKCS mechanism allows (CKF_DECRYPT / CKF_UNWRAP from C_GetMechanismInfo).
struct RsaPkcsSupport {
  bool decrypt = false;
  bool unwrap = false;
};

// The strategy to use; throws TokenError when the requested one (or, for automatic, both) is not allowed
// by the key's attributes and the token's mechanism flags, saying which flag is missing.
RecoveryStrategy choose_strategy(RecoveryStrategy requested, const KeyAttributes& key,
                                 const RsaPkcsSupport& token);

class TokenKey final : public KeyBackend {
 public:
  // `token` must be logged in. Throws NotFoundError for a missing key, TokenError for an unusable one.
  static TokenKey open(const Token& token, const KeyRef& ref,
                       RecoveryStrategy strategy = RecoveryStrategy::automatic);

  const PublicKey& public_key() const override { return info_.public_key; }
  SecureBytes recover_wrapped_secret(ByteView wrapped) const override;
  std::string description() const override;

  const KeyInfo& info() const noexcept { return info_; }
  RecoveryStrategy strategy() const noexcept { return strategy_; }

 private:
  TokenKey(Token token, unsigned long private_key, KeyInfo info, RecoveryStrategy strategy);

  Token token_;
  // Shared by copies and updated when the handle goes stale: some tokens (SoftHSM2) hand out new handles
  // for private objects after the login was lost and restored.
  std::shared_ptr<std::atomic<unsigned long>> private_key_;
  KeyInfo info_;
  RecoveryStrategy strategy_;
};

}  // namespace v6hsm::token
