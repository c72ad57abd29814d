// Finding, describing and destroying the RSA key objects of one key pair, on a borrowed session.
//
// Provisioning creates a pair under a pending label ("v6hsm-pending:" + label) and renames it, public
// object first and private key last, only once the pair is complete and checked. A process killed
// half-way therefore leaves only pending objects (or, in the instant between the two renames, a pending
// private key beside its renamed public object). Lookups never return a pending key, and the next
// generation or import removes every pending object and such an orphaned public partner.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "token/attributes.hpp"
#include "token/session_pool.hpp"
#include "v6hsm/token/key_info.hpp"

namespace v6hsm::token {

inline constexpr std::string_view kPendingLabelPrefix = "v6hsm-pending:";
std::string pending_label(const std::string& label);
bool is_pending_label(std::string_view label) noexcept;

// Destroys what interrupted provisioning left behind (see above); returns how many objects went.
int remove_incomplete_keys(const SessionPool::Lease& session);
// Sets CKA_LABEL: the step that turns a pending object into a finished one.
void set_label(const SessionPool::Lease& session, CK_OBJECT_HANDLE object, const std::string& label);

// Private RSA keys whose CKA_LABEL and CKA_ID equal the non-empty fields of `ref`, pending ones excluded.
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
