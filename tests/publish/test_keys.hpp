// The two RSA test keys of the shared vectors (A: 2048-bit, B: 4096-bit), with their vantage6 API values.
#pragma once

#include <string>

#include "v6hsm/public_key.hpp"

namespace v6hsm::test {

PublicKey test_public_key(const std::string& name);  // "A" or "B"
std::string test_api_string(const std::string& name);

}  // namespace v6hsm::test
