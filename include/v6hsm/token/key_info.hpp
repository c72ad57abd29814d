// What we know about an RSA key pair on a token: its names, the security attributes of the private key,
// and the public key derived from CKA_MODULUS / CKA_PUBLIC_EXPONENT.
#pragma once

#include <string>
#include <vector>

#include "v6hsm/bytes.hpp"
#include "v6hsm/public_key.hpp"

namespace v6hsm::token {

// Which object to use: by CKA_LABEL, by CKA_ID, or both. An empty reference means "the only key".
struct KeyRef {
  std::string label;
  Bytes id;

  static KeyRef by_label(std::string label) { return {std::move(label), {}}; }
  std::string describe() const;  // "label 'vantage6', id 0a1b"
};

// The private key's security attributes, as the token reports them.
struct KeyAttributes {
  bool sensitive = false;
  bool extractable = true;
  bool always_sensitive = false;
  bool never_extractable = false;
  bool decrypt = false;
  bool unwrap = false;
  bool sign = false;
  bool on_token = false;  // CKA_TOKEN
  bool is_private = false;  // CKA_PRIVATE
};

// One line per weak or surprising attribute ("CKA_EXTRACTABLE is TRUE: ..."); empty for a good key.
std::vector<std::string> attribute_warnings(const KeyAttributes& attributes);

struct KeyInfo {
  std::string label;
  Bytes id;
  KeyAttributes attributes;
  PublicKey public_key;
  bool has_public_object = false;  // a CKO_PUBLIC_KEY with the same CKA_ID exists

  int bits() const { return public_key.bits(); }
  std::string id_hex() const;
};

}  // namespace v6hsm::token
