#include "token/key_objects.hpp"

#include <algorithm>

#include "token/module_impl.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::token {
namespace {

AttributeTemplate rsa_key_criteria(CK_OBJECT_CLASS object_class) {
  AttributeTemplate criteria;
  criteria.add_ulong(CKA_CLASS, object_class).add_ulong(CKA_KEY_TYPE, CKK_RSA);
  return criteria;
}

std::vector<CK_OBJECT_HANDLE> find_keys(const SessionPool::Lease& session, CK_OBJECT_CLASS object_class,
                                        const std::string& label, const Bytes& id) {
  AttributeTemplate criteria = rsa_key_criteria(object_class);
  if (!label.empty()) {
    criteria.add_bytes(CKA_LABEL, as_bytes(label));
  }
  if (!id.empty()) {
    criteria.add_bytes(CKA_ID, id);
  }
  return find_objects(session.api(), session.handle(), criteria);
}

std::string read_text(const SessionPool::Lease& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  return to_string(read_attribute(session.api(), session.handle(), object, type).value_or(Bytes{}));
}

Bytes read_id(const SessionPool::Lease& session, CK_OBJECT_HANDLE object) {
  return read_attribute(session.api(), session.handle(), object, CKA_ID).value_or(Bytes{});
}

bool is_pending(const SessionPool::Lease& session, CK_OBJECT_HANDLE object) {
  return is_pending_label(read_text(session, object, CKA_LABEL));
}

std::vector<CK_OBJECT_HANDLE> without_pending(const SessionPool::Lease& session,
                                              std::vector<CK_OBJECT_HANDLE> objects) {
  std::erase_if(objects, [&](CK_OBJECT_HANDLE object) { return is_pending(session, object); });
  return objects;
}

void add_unique(std::vector<CK_OBJECT_HANDLE>& objects, const std::vector<CK_OBJECT_HANDLE>& more) {
  for (const auto object : more) {
    if (std::find(objects.begin(), objects.end(), object) == objects.end()) {
      objects.push_back(object);
    }
  }
}

// Public objects renamed just before the process died, while their private key stayed pending: public
// keys with a pending private key's CKA_ID that no finished private key shares.
std::vector<CK_OBJECT_HANDLE> orphaned_partners(const SessionPool::Lease& session,
                                                const std::vector<CK_OBJECT_HANDLE>& pending_private_keys) {
  std::vector<CK_OBJECT_HANDLE> orphans;
  for (const auto key : pending_private_keys) {
    const Bytes id = read_id(session, key);
    if (!id.empty() && find_private_keys(session, KeyRef{{}, id}).empty()) {
      add_unique(orphans, find_keys(session, CKO_PUBLIC_KEY, {}, id));
    }
  }
  return orphans;
}

std::vector<CK_OBJECT_HANDLE> pending_keys(const SessionPool::Lease& session, CK_OBJECT_CLASS object_class) {
  std::vector<CK_OBJECT_HANDLE> pending = find_keys(session, object_class, {}, {});
  std::erase_if(pending, [&](CK_OBJECT_HANDLE object) { return !is_pending(session, object); });
  return pending;
}

// The pair's public key object: the same CKA_ID when there is one, else the same CKA_LABEL.
std::vector<CK_OBJECT_HANDLE> find_public_partners(const SessionPool::Lease& session, const std::string& label,
                                                   const Bytes& id) {
  if (label.empty() && id.empty()) {
    return {};  // nothing ties an anonymous key to any public object
  }
  return id.empty() ? find_keys(session, CKO_PUBLIC_KEY, label, {}) : find_keys(session, CKO_PUBLIC_KEY, {}, id);
}

// CKA_MODULUS and CKA_PUBLIC_EXPONENT are public attributes of an RSA private key, but a token may omit
// the exponent there, so the public key object is the fallback.
PublicKey read_public_key(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key,
                          const std::vector<CK_OBJECT_HANDLE>& public_objects) {
  const auto& api = session.api();
  auto modulus = read_attribute(api, session.handle(), private_key, CKA_MODULUS);
  auto exponent = read_attribute(api, session.handle(), private_key, CKA_PUBLIC_EXPONENT);
  if ((!modulus || !exponent) && !public_objects.empty()) {
    modulus = require_attribute(api, session.handle(), public_objects.front(), CKA_MODULUS, "CKA_MODULUS");
    exponent = require_attribute(api, session.handle(), public_objects.front(), CKA_PUBLIC_EXPONENT,
                                 "CKA_PUBLIC_EXPONENT");
  }
  if (!modulus || !exponent) {
    throw InputError("the token reveals neither the modulus nor the public exponent of this key, and there "
                     "is no public key object beside it");
  }
  return PublicKey::from_components(*modulus, *exponent);
}

}  // namespace

std::string pending_label(const std::string& label) { return std::string(kPendingLabelPrefix) + label; }

bool is_pending_label(std::string_view label) noexcept { return label.starts_with(kPendingLabelPrefix); }

int remove_incomplete_keys(const SessionPool::Lease& session) {
  const auto pending_private_keys = pending_keys(session, CKO_PRIVATE_KEY);
  std::vector<CK_OBJECT_HANDLE> objects = orphaned_partners(session, pending_private_keys);
  add_unique(objects, pending_private_keys);
  add_unique(objects, pending_keys(session, CKO_PUBLIC_KEY));
  return destroy_objects(session, objects);
}

void set_label(const SessionPool::Lease& session, CK_OBJECT_HANDLE object, const std::string& label) {
  AttributeTemplate attribute;
  attribute.add_bytes(CKA_LABEL, as_bytes(label));
  check(session.api().C_SetAttributeValue(session.handle(), object, attribute.data(), attribute.size()),
        "C_SetAttributeValue", "naming the new key '" + label + "'");
}

std::vector<CK_OBJECT_HANDLE> find_private_keys(const SessionPool::Lease& session, const KeyRef& ref) {
  auto found = find_keys(session, CKO_PRIVATE_KEY, ref.label, ref.id);
  return ref.label.empty() ? without_pending(session, std::move(found)) : found;
}

std::vector<CK_OBJECT_HANDLE> find_clashing_keys(const SessionPool::Lease& session, const KeyRef& ref) {
  std::vector<CK_OBJECT_HANDLE> found = find_keys(session, CKO_PRIVATE_KEY, ref.label, {});
  if (!ref.id.empty()) {
    add_unique(found, find_private_keys(session, KeyRef{{}, ref.id}));
  }
  return found;
}

CK_OBJECT_HANDLE find_one_private_key(const SessionPool::Lease& session, const KeyRef& ref,
                                      const std::string& where) {
  const auto found = find_private_keys(session, ref);
  if (found.empty()) {
    throw NotFoundError("no RSA private key with " + ref.describe() + " on " + where +
                        "; list the keys, or generate or import one");
  }
  if (found.size() > 1) {
    throw InputError(std::to_string(found.size()) + " RSA private keys match " + ref.describe() + " on " +
                     where + "; name the key by label and id");
  }
  return found.front();
}

KeyAttributes read_key_attributes(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key) {
  const auto read = [&](CK_ATTRIBUTE_TYPE type, bool fallback) {
    return read_bool(session.api(), session.handle(), private_key, type, fallback);
  };
  // Fallbacks assume the weak value, so an attribute the token hides is reported as a risk.
  KeyAttributes attributes;
  attributes.sensitive = read(CKA_SENSITIVE, false);
  attributes.extractable = read(CKA_EXTRACTABLE, true);
  attributes.always_sensitive = read(CKA_ALWAYS_SENSITIVE, false);
  attributes.never_extractable = read(CKA_NEVER_EXTRACTABLE, false);
  attributes.decrypt = read(CKA_DECRYPT, false);
  attributes.unwrap = read(CKA_UNWRAP, false);
  attributes.sign = read(CKA_SIGN, true);
  attributes.on_token = read(CKA_TOKEN, false);
  attributes.is_private = read(CKA_PRIVATE, false);
  return attributes;
}

KeyInfo describe_key(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key) {
  std::string label = read_text(session, private_key, CKA_LABEL);
  Bytes id = read_id(session, private_key);
  const auto public_objects = find_public_partners(session, label, id);
  PublicKey public_key = read_public_key(session, private_key, public_objects);
  return KeyInfo{std::move(label), std::move(id), read_key_attributes(session, private_key),
                 std::move(public_key), !public_objects.empty()};
}

std::vector<CK_OBJECT_HANDLE> key_pair_objects(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key) {
  const std::string label = read_text(session, private_key, CKA_LABEL);
  const Bytes id = read_id(session, private_key);
  std::vector<CK_OBJECT_HANDLE> objects = find_public_partners(session, label, id);
  objects.push_back(private_key);
  return objects;
}

int destroy_objects(const SessionPool::Lease& session, const std::vector<CK_OBJECT_HANDLE>& objects) {
  for (const auto object : objects) {
    check(session.api().C_DestroyObject(session.handle(), object), "C_DestroyObject", "deleting a key object");
  }
  return static_cast<int>(objects.size());
}

}  // namespace v6hsm::token
