// The attribute templates of our key objects, in one place, so generated and imported keys get exactly the
// secure defaults of design.md.
#pragma once

#include <openssl/types.h>

#include "token/attributes.hpp"
#include "v6hsm/token/key_store.hpp"

namespace v6hsm::token {

// For C_GenerateKeyPair: without CKA_CLASS / CKA_KEY_TYPE, which the mechanism implies.
AttributeTemplate generated_public_template(const KeySpec& spec);
AttributeTemplate generated_private_template(const KeySpec& spec);

// For C_CreateObject from an in-memory RSA key; `id` is already decided.
AttributeTemplate imported_public_template(const KeySpec& spec, const Bytes& id, EVP_PKEY* key);
AttributeTemplate imported_private_template(const KeySpec& spec, const Bytes& id, EVP_PKEY* key);

}  // namespace v6hsm::token
