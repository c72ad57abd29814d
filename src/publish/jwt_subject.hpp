// Reads the integer "sub" claim of a vantage6 4.x access token, without verifying the signature: only the
// server can verify it, and the client merely needs to know which node or user id it was given.
#pragma once

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::publish {

// Throws ServerError when the token is not a JWT or its "sub" is not an integer.
int jwt_integer_subject(const SecureBytes& token);

}  // namespace v6hsm::publish
