// Cryptographically secure random bytes from OpenSSL's DRBG.
#pragma once

#include <cstddef>

#include "v6hsm/envelope.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

SecureBytes random_secret(std::size_t length);
Iv random_iv();

}  // namespace v6hsm
