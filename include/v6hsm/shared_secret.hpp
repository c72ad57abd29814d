// What the RSA layer recovers is the per-message AES key: 32 raw bytes (Python clients and nodes, and
// v6hsm), or the 44-character base64 text of those 32 bytes (the vantage6 web UI). Anything else is a
// decryption failure.
#pragma once

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

// Returns the 32-byte AES key, or throws DecryptionError.
SecureBytes shared_key_from_recovered_secret(const SecureBytes& recovered);

}  // namespace v6hsm
