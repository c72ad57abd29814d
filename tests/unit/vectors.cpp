#include "vectors.hpp"

#include <fstream>
#include <stdexcept>

namespace v6hsm::test {

const nlohmann::json& vectors() {
  static const nlohmann::json parsed = [] {
    std::ifstream file(V6HSM_VECTORS_FILE);
    if (!file) throw std::runtime_error("cannot open " V6HSM_VECTORS_FILE);
    return nlohmann::json::parse(file);
  }();
  return parsed;
}

const nlohmann::json& vector_by_id(const std::string& id) {
  for (const auto& entry : vectors().at("vectors")) {
    if (entry.at("id") == id) return entry;
  }
  throw std::runtime_error("no vector " + id);
}

std::string private_pem(const std::string& key_name, const std::string& format) {
  return vectors().at("keys").at(key_name).at(format).get<std::string>();
}

Bytes from_hex(std::string_view hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string to_hex(ByteView bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const auto byte : bytes) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xf]);
  }
  return out;
}

SecureBytes secret_from_hex(std::string_view hex) { return to_secure_bytes(from_hex(hex)); }

}  // namespace v6hsm::test
