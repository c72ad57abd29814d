#include "v6hsm/token/key_store.hpp"

#include <openssl/evp.h>

#include <utility>

#include "token/key_objects.hpp"
#include "token/key_templates.hpp"
#include "token/module_impl.hpp"
#include "token/session_recovery.hpp"
#include "token/token_state.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"

namespace v6hsm::token {
namespace {

// Destroys a freshly created object unless the whole provisioning step succeeded.
class PendingObject {
 public:
  PendingObject(const SessionPool::Lease& session, CK_OBJECT_HANDLE object) : session_(session), object_(object) {}
  ~PendingObject() {
    if (object_ != CK_INVALID_HANDLE) {
      static_cast<void>(session_.api().C_DestroyObject(session_.handle(), object_));
    }
  }
  PendingObject(const PendingObject&) = delete;
  PendingObject& operator=(const PendingObject&) = delete;

  CK_OBJECT_HANDLE handle() const noexcept { return object_; }
  CK_OBJECT_HANDLE keep() noexcept { return std::exchange(object_, CK_INVALID_HANDLE); }

 private:
  const SessionPool::Lease& session_;
  CK_OBJECT_HANDLE object_;
};

void validate_label(const std::string& label) {
  if (label.empty()) {
    throw InputError("a key needs a non-empty label");
  }
  if (is_pending_label(label)) {
    throw InputError("labels starting with '" + std::string(kPendingLabelPrefix) +
                     "' are reserved for keys that are still being created; choose another label");
  }
}

void validate_spec(const KeySpec& spec) {
  validate_label(spec.label);
  if (spec.bits != 2048 && spec.bits != 3072 && spec.bits != 4096) {
    throw InputError("RSA key size " + std::to_string(spec.bits) + " is not supported; use 2048, 3072 or 4096");
  }
}

void report(const ProgressCallback& progress, const std::string& message) {
  if (progress) {
    progress(message);
  }
}

// OpenSC's convention: CKA_ID = SHA-1 of the modulus, so the same key gets the same id on every token.
Bytes id_from_modulus(const Bytes& modulus) {
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (EVP_Digest(modulus.data(), modulus.size(), digest.data(), &length, EVP_sha1(), nullptr) != 1) {
    throw TokenError("cannot compute the key id: SHA-1 is unavailable in OpenSSL");
  }
  digest.resize(length);
  return digest;
}

// Every object of the clashing key pairs, collected before the new pair exists so that a shared CKA_ID
// cannot make the new public key look like part of an old pair.
std::vector<CK_OBJECT_HANDLE> objects_to_replace(const SessionPool::Lease& session,
                                                 const std::vector<CK_OBJECT_HANDLE>& private_keys) {
  std::vector<CK_OBJECT_HANDLE> objects;
  for (const auto key : private_keys) {
    const auto pair = key_pair_objects(session, key);
    objects.insert(objects.end(), pair.begin(), pair.end());
  }
  return objects;
}

void set_id(const SessionPool::Lease& session, CK_OBJECT_HANDLE object, const Bytes& id) {
  AttributeTemplate attribute;
  attribute.add_bytes(CKA_ID, id);
  check(session.api().C_SetAttributeValue(session.handle(), object, attribute.data(), attribute.size()),
        "C_SetAttributeValue", "setting the CKA_ID of the new key");
}

// The token may silently ignore parts of a template; a key it weakened is not kept.
void verify_generated(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key, const Token& token) {
  const KeyAttributes attributes = read_key_attributes(session, private_key);
  if (!attributes.sensitive || attributes.extractable || attributes.sign) {
    throw TokenError(token.description() + " did not honour the key template (CKA_SENSITIVE=TRUE, "
                     "CKA_EXTRACTABLE=FALSE, CKA_SIGN=FALSE); the generated key was deleted again");
  }
}

KeySpec pending_spec(const KeySpec& spec) {
  KeySpec pending = spec;
  pending.label = pending_label(spec.label);
  return pending;
}

// The private key is renamed last: until then, nothing finished refers to the new pair.
void finish_pair(const SessionPool::Lease& session, CK_OBJECT_HANDLE public_key, CK_OBJECT_HANDLE private_key,
                 const std::string& label) {
  set_label(session, public_key, label);
  set_label(session, private_key, label);
}

CK_OBJECT_HANDLE create_object(const SessionPool::Lease& session, AttributeTemplate attributes,
                               const std::string& operation) {
  CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
  check(session.api().C_CreateObject(session.handle(), attributes.data(), attributes.size(), &object),
        "C_CreateObject", operation);
  return object;
}

}  // namespace

ProvisionResult generate_key(Token& token, const KeySpec& spec, const ProgressCallback& progress) {
  validate_spec(spec);
  return with_session(token.state(), SessionAccess::read_write, [&](const SessionPool::Lease& session) {
    remove_incomplete_keys(session);
    const auto existing = find_clashing_keys(session, KeyRef{spec.label, spec.id});
    if (!existing.empty() && !spec.overwrite) {
      return ProvisionResult{describe_key(session, existing.front()), true, false};
    }
    const auto replaced_objects = objects_to_replace(session, existing);
    report(progress, "generating a " + std::to_string(spec.bits) + "-bit RSA key on " + token.description() +
                         "; this can take a while");
    AttributeTemplate public_template = generated_public_template(pending_spec(spec));
    AttributeTemplate private_template = generated_private_template(pending_spec(spec));
    CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE private_key = CK_INVALID_HANDLE;
    check(session.api().C_GenerateKeyPair(session.handle(), &mechanism, public_template.data(),
                                          public_template.size(), private_template.data(),
                                          private_template.size(), &public_key, &private_key),
          "C_GenerateKeyPair", "generating an RSA key on " + token.description());
    PendingObject pending_public(session, public_key);
    PendingObject pending_private(session, private_key);
    verify_generated(session, private_key, token);
    if (spec.id.empty()) {
      const Bytes id = id_from_modulus(require_attribute(session.api(), session.handle(), public_key,
                                                         CKA_MODULUS, "the modulus of the new key"));
      set_id(session, public_key, id);
      set_id(session, private_key, id);
    }
    finish_pair(session, public_key, private_key, spec.label);
    pending_public.keep();
    pending_private.keep();
    // The old key goes only once the new one is finished: a failed or interrupted generation loses nothing.
    const bool replaced = destroy_objects(session, replaced_objects) > 0;
    return ProvisionResult{describe_key(session, private_key), false, replaced};
  });
}

ProvisionResult import_key(Token& token, const SoftwareKey& key, const KeySpec& spec) {
  validate_label(spec.label);
  const Bytes id = spec.id.empty() ? id_from_modulus(key.public_key().modulus()) : spec.id;
  return with_session(token.state(), SessionAccess::read_write, [&](const SessionPool::Lease& session) {
    remove_incomplete_keys(session);
    const auto existing = find_clashing_keys(session, KeyRef{spec.label, id});
    if (!existing.empty() && !spec.overwrite) {
      KeyInfo present = describe_key(session, existing.front());
      if (existing.size() == 1 && present.public_key == key.public_key()) {
        return ProvisionResult{std::move(present), true, false};
      }
      throw InputError("a different key with " + KeyRef{spec.label, id}.describe() + " is already on " +
                       token.description() + "; choose another label or id, or overwrite it (v6hsm key "
                       "import --overwrite; the old key is then deleted for good)");
    }
    const auto replaced_objects = objects_to_replace(session, existing);
    const std::string operation = "importing the key onto " + token.description();
    PendingObject pending_private(
        session, create_object(session, imported_private_template(pending_spec(spec), id, key.native()), operation));
    PendingObject pending_public(
        session, create_object(session, imported_public_template(pending_spec(spec), id, key.native()), operation));
    finish_pair(session, pending_public.handle(), pending_private.handle(), spec.label);
    pending_public.keep();
    const CK_OBJECT_HANDLE private_key = pending_private.keep();
    const bool replaced = destroy_objects(session, replaced_objects) > 0;
    return ProvisionResult{describe_key(session, private_key), false, replaced};
  });
}

ProvisionResult import_key_pem(Token& token, ByteView pem, const KeySpec& spec) {
  return import_key(token, SoftwareKey::from_pem(pem), spec);
}

std::vector<KeyInfo> list_keys(Token& token) {
  return with_session(token.state(), SessionAccess::read_only, [](const SessionPool::Lease& session) {
    std::vector<KeyInfo> keys;
    for (const auto handle : find_private_keys(session, KeyRef{})) {
      keys.push_back(describe_key(session, handle));
    }
    return keys;
  });
}

KeyInfo find_key(Token& token, const KeyRef& ref) {
  return with_session(token.state(), SessionAccess::read_only, [&](const SessionPool::Lease& session) {
    return describe_key(session, find_one_private_key(session, ref, token.description()));
  });
}

int delete_key(Token& token, const KeyRef& ref) {
  return with_session(token.state(), SessionAccess::read_write, [&](const SessionPool::Lease& session) {
    return destroy_objects(session,
                           key_pair_objects(session, find_one_private_key(session, ref, token.description())));
  });
}

}  // namespace v6hsm::token
