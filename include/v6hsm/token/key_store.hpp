// Provisioning and managing the organization's RSA key pair on a token: generate, import, list, show,
// delete. Every call needs a logged-in Token.
//
// Private keys are created CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE, not CKA_EXTRACTABLE, with CKA_DECRYPT
// and CKA_UNWRAP only (never CKA_SIGN); the public key object carries the same CKA_LABEL and CKA_ID.
// A key that already exists is reused (generation) or kept (import) unless `overwrite` says otherwise.
//
// Interrupted provisioning: a new pair carries the reserved label "v6hsm-pending:<label>" until it is
// complete and checked, and is renamed only then (public object first, private key last). If the process
// dies half-way, list_keys/find_key/TokenKey::open never see the pending objects, and the next
// generate_key or import_key deletes them (with a public object renamed just before the private key could
// be). The replaced key of an overwrite is deleted only after the new pair is finished, so an interruption
// in between leaves both, and find_key then reports the ambiguity rather than picking one.
//
// Sessions: lookups run on read-only sessions (a write-protected token still lists and decrypts);
// provisioning needs a read-write one. A session lost under any call here is restored once and the call
// retried (see token.hpp).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "v6hsm/bytes.hpp"
#include "v6hsm/software_key.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::token {

inline constexpr const char* kDefaultKeyLabel = "vantage6";
inline constexpr int kDefaultKeyBits = 4096;

// Which RSA operations the private key allows. Both by default; the other combinations exist for tokens
// whose policy forbids one of them (and for testing the strategy fallback).
struct KeyUsage {
  bool decrypt = true;
  bool unwrap = true;
};

struct KeySpec {
  std::string label = kDefaultKeyLabel;
  Bytes id;                   // CKA_ID; empty means "derive one": SHA-1 of the modulus, as OpenSC does
  int bits = kDefaultKeyBits;  // 2048, 3072 or 4096 (generation only)
  bool overwrite = false;     // replace an existing key with this label or id
  KeyUsage usage;
};

struct ProvisionResult {
  KeyInfo key;
  bool reused = false;    // an existing key was kept and nothing was created
  bool replaced = false;  // an existing key was deleted first (overwrite)
};

// Called with a short message before slow steps ("generating a 4096-bit RSA key on token 'org'...").
using ProgressCallback = std::function<void(std::string_view message)>;

// Throws InputError for a bad spec and TokenError when the token does not honour the template (the
// half-made key is deleted again).
ProvisionResult generate_key(Token& token, const KeySpec& spec, const ProgressCallback& progress = {});

// Imports a private key that is in memory (never written anywhere) plus its public key object. When a key
// with the label or id exists: the same key is reused, a different one is an error unless `overwrite`.
ProvisionResult import_key(Token& token, const SoftwareKey& key, const KeySpec& spec);
// PEM bytes (PKCS#1 "RSA PRIVATE KEY" or PKCS#8); encrypted and non-RSA keys are refused with InputError.
ProvisionResult import_key_pem(Token& token, ByteView pem, const KeySpec& spec);

std::vector<KeyInfo> list_keys(Token& token);
// Throws NotFoundError when no key matches, InputError when an empty or partial reference matches several.
KeyInfo find_key(Token& token, const KeyRef& ref);
// Deletes the private key and the public key object(s) with its CKA_ID or label; returns how many objects
// were destroyed. Throws NotFoundError when there is nothing to delete.
int delete_key(Token& token, const KeyRef& ref);

}  // namespace v6hsm::token
