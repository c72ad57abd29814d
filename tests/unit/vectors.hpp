// Access to the shared known-answer vectors (tests/data/vantage6-vectors.json, a copy of
// shared/vectors/vantage6-vectors.json) for the unit tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "v6hsm/bytes.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::test {

const nlohmann::json& vectors();
const nlohmann::json& vector_by_id(const std::string& id);
std::string private_pem(const std::string& key_name, const std::string& format = "private_pem_pkcs1");
Bytes from_hex(std::string_view hex);
std::string to_hex(ByteView bytes);
SecureBytes secret_from_hex(std::string_view hex);

}  // namespace v6hsm::test
