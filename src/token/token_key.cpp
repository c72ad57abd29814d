#include "v6hsm/token/token_key.hpp"

#include "token/attributes.hpp"
#include "token/key_objects.hpp"
#include "token/module_impl.hpp"
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

// A failed call may leave an operation active on the session, so the session is not reused.
[[noreturn]] void fail(SessionPool::Lease& session) {
  session.discard();
  throw DecryptionError();
}

}  // namespace

TokenKey::TokenKey(Token token, unsigned long private_key, KeyInfo info, RecoveryStrategy strategy)
    : token_(std::move(token)), private_key_(private_key), info_(std::move(info)), strategy_(strategy) {}

TokenKey TokenKey::open(const Token& token, const KeyRef& ref, RecoveryStrategy strategy) {
  const auto session = token.state().pool.acquire();
  const CK_OBJECT_HANDLE handle = find_one_private_key(session, ref, token.description());
  KeyInfo info = describe_key(session, handle);
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
    return strategy_ == RecoveryStrategy::unwrap ? unwrap_on_token(wrapped) : decrypt_on_token(wrapped);
  } catch (const DecryptionError&) {
    throw;
  } catch (...) {
    // Even an exhausted session pool must look like any other failure to whoever sent the ciphertext.
    throw DecryptionError();
  }
}

SecureBytes TokenKey::decrypt_on_token(ByteView wrapped) const {
  auto session = token_.state().pool.acquire();
  const auto& api = session.api();
  CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
  if (api.C_DecryptInit(session.handle(), &mechanism, private_key_) != CKR_OK) {
    fail(session);
  }
  // A modulus-sized buffer always suffices, so CKR_BUFFER_TOO_SMALL (which would leave the operation
  // active) cannot happen.
  SecureBytes recovered(wrapped.size());
  CK_ULONG length = recovered.size();
  if (api.C_Decrypt(session.handle(), input_pointer(wrapped), wrapped.size(), recovered.data(), &length) != CKR_OK) {
    fail(session);
  }
  recovered.resize(length);
  return recovered;
}

SecureBytes TokenKey::unwrap_on_token(ByteView wrapped) const {
  auto session = token_.state().pool.acquire();
  const auto& api = session.api();
  CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
  AttributeTemplate attributes = unwrapped_secret_template();
  CK_OBJECT_HANDLE unwrapped = CK_INVALID_HANDLE;
  if (api.C_UnwrapKey(session.handle(), &mechanism, private_key_, input_pointer(wrapped), wrapped.size(),
                      attributes.data(), attributes.size(), &unwrapped) != CKR_OK) {
    fail(session);
  }
  const SessionObject secret(session, unwrapped);
  SecureBytes value(wrapped.size());
  CK_ATTRIBUTE attribute{CKA_VALUE, value.data(), value.size()};
  if (api.C_GetAttributeValue(session.handle(), secret.handle(), &attribute, 1) != CKR_OK) {
    fail(session);
  }
  value.resize(attribute.ulValueLen);
  return value;
}

}  // namespace v6hsm::token
