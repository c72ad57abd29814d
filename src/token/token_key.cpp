#include "v6hsm/token/token_key.hpp"

#include "token/attributes.hpp"
#include "token/key_objects.hpp"
#include "token/module_impl.hpp"
#include "token/session_recovery.hpp"
#include "token/token_state.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/capability_report.hpp"

namespace v6hsm::token {
namespace {

CK_BYTE* input_pointer(ByteView bytes) {
  // PKCS#11 takes input buffers through non-const pointers but never writes to them.
  return const_cast<CK_BYTE*>(bytes.data());
}

// The session-only secret object C_UnwrapKey creates: readable by us, destroyed the moment we have its value.
AttributeTemplate unwrapped_secret_template() {
  AttributeTemplate attributes;
  attributes.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
      .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
      .add_bool(CKA_TOKEN, false)
      .add_bool(CKA_PRIVATE, true)
      .add_bool(CKA_SENSITIVE, false)
      .add_bool(CKA_EXTRACTABLE, true);
  return attributes;
}

class SessionObject {
 public:
  SessionObject(const SessionPool::Lease& session, CK_OBJECT_HANDLE object) : session_(session), object_(object) {}
  ~SessionObject() { static_cast<void>(session_.api().C_DestroyObject(session_.handle(), object_)); }
  SessionObject(const SessionObject&) = delete;
  SessionObject& operator=(const SessionObject&) = delete;
  CK_OBJECT_HANDLE handle() const noexcept { return object_; }

 private:
  const SessionPool::Lease& session_;
  CK_OBJECT_HANDLE object_;
};

// A handle from before a lost login: the key is looked up again by its label and id.
bool is_stale_handle(CK_RV code) noexcept {
  return code == CKR_KEY_HANDLE_INVALID || code == CKR_OBJECT_HANDLE_INVALID || code == CKR_UNWRAPPING_KEY_HANDLE_INVALID;
}

SecureBytes decrypt_on_token(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key, ByteView wrapped) {
  const auto& api = session.api();
  CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
  check(api.C_DecryptInit(session.handle(), &mechanism, private_key), "C_DecryptInit", "decrypting");
  // A modulus-sized buffer always suffices, so a genuine CKR_BUFFER_TOO_SMALL (which would leave the
  // operation active) cannot happen; should a token answer it anyway, the lease closes the session.
  SecureBytes recovered(wrapped.size());
  CK_ULONG length = recovered.size();
  check(api.C_Decrypt(session.handle(), input_pointer(wrapped), wrapped.size(), recovered.data(), &length),
        "C_Decrypt", "decrypting");
  recovered.resize(length);
  return recovered;
}

SecureBytes unwrap_on_token(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key, ByteView wrapped) {
  const auto& api = session.api();
  CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
  AttributeTemplate attributes = unwrapped_secret_template();
  CK_OBJECT_HANDLE unwrapped = CK_INVALID_HANDLE;
  check(api.C_UnwrapKey(session.handle(), &mechanism, private_key, input_pointer(wrapped), wrapped.size(),
                        attributes.data(), attributes.size(), &unwrapped),
        "C_UnwrapKey", "unwrapping");
  const SessionObject secret(session, unwrapped);
  SecureBytes value(wrapped.size());
  CK_ATTRIBUTE attribute{CKA_VALUE, value.data(), value.size()};
  check(api.C_GetAttributeValue(session.handle(), secret.handle(), &attribute, 1), "C_GetAttributeValue",
        "reading the unwrapped secret");
  value.resize(attribute.ulValueLen);
  return value;
}

}  // namespace

TokenKey::TokenKey(Token token, unsigned long private_key, KeyInfo info, RecoveryStrategy strategy)
    : token_(std::move(token)),
      private_key_(std::make_shared<std::atomic<unsigned long>>(private_key)),
      info_(std::move(info)),
      strategy_(strategy) {}

TokenKey TokenKey::open(const Token& token, const KeyRef& ref, RecoveryStrategy strategy) {
  auto [handle, info] = with_session(token.state(), SessionAccess::read_only, [&](const SessionPool::Lease& session) {
    const CK_OBJECT_HANDLE found = find_one_private_key(session, ref, token.description());
    return std::pair{found, describe_key(session, found)};
  });
  const RecoveryStrategy chosen = choose_strategy(strategy, info.attributes, rsa_pkcs_support(token));
  return TokenKey(token, handle, std::move(info), chosen);
}

std::string TokenKey::description() const {
  return token_.description() + " key '" + info_.label + "' (id " + info_.id_hex() + ")";
}

SecureBytes TokenKey::recover_wrapped_secret(ByteView wrapped) const {
  // A wrapped key is exactly one RSA block; anything else would only reach the token to fail there.
  if (wrapped.size() != info_.public_key.modulus_length()) {
    throw DecryptionError();
  }
  try {
    // Only a lost session is retried, never a code the ciphertext could have caused (SoftHSM2 answers bad
    // padding with CKR_GENERAL_ERROR), so the retry reveals nothing about the payload.
    return with_session(token_.state(), SessionAccess::read_only, [&](const SessionPool::Lease& session) {
      const auto recover = [&](CK_OBJECT_HANDLE key) {
        return strategy_ == RecoveryStrategy::unwrap ? unwrap_on_token(session, key, wrapped)
                                                     : decrypt_on_token(session, key, wrapped);
      };
      try {
        return recover(private_key_->load());
      } catch (const Pkcs11Error& error) {
        if (!is_stale_handle(error.code())) throw;
      }
      const CK_OBJECT_HANDLE found = find_one_private_key(session, KeyRef{info_.label, info_.id}, description());
      private_key_->store(found);
      return recover(found);
    });
  } catch (...) {
    // Every failure, even an exhausted session pool or a vanished token, looks the same to whoever sent
    // the ciphertext. A session that failed half-way is closed by its lease, never reused.
    throw DecryptionError();
  }
}

}  // namespace v6hsm::token
