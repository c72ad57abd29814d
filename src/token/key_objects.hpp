// Finding, describing and destroying the RSA key objects of one key pair, on a borrowed session.
#pragma once

#include <vector>

#include "token/attributes.hpp"
#include "token/session_pool.hpp"
#include "v6hsm/token/key_info.hpp"

namespace v6hsm::token {

// Private RSA keys whose CKA_LABEL and CKA_ID equal the non-empty fields of `ref`.
std::vector<CK_OBJECT_HANDLE> find_private_keys(const SessionPool::Lease& session, const KeyRef& ref);
// Private RSA keys with `ref.label` or with `ref.id`: every key that would clash with a new one.
std::vector<CK_OBJECT_HANDLE> find_clashing_keys(const SessionPool::Lease& session, const KeyRef& ref);
// Exactly one private key; throws NotFoundError or InputError (ambiguous) naming `where`.
CK_OBJECT_HANDLE find_one_private_key(const SessionPool::Lease& session, const KeyRef& ref,
                                      const std::string& where);

KeyAttributes read_key_attributes(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key);
KeyInfo describe_key(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key);

// The private key and every public key object of its pair (same CKA_ID, or same label without an id).
std::vector<CK_OBJECT_HANDLE> key_pair_objects(const SessionPool::Lease& session, CK_OBJECT_HANDLE private_key);
// Returns how many objects were destroyed.
int destroy_objects(const SessionPool::Lease& session, const std::vector<CK_OBJECT_HANDLE>& objects);

}  // namespace v6hsm::token
