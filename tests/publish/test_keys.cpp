#include "test_keys.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace v6hsm::test {
namespace {

const nlohmann::json& key_entry(const std::string& name) {
  static const nlohmann::json vectors = [] {
    std::ifstream file(V6HSM_VECTORS_FILE);
    return nlohmann::json::parse(file);
  }();
  return vectors.at("keys").at(name);
}

}  // namespace

PublicKey test_public_key(const std::string& name) {
  return PublicKey::from_pem(key_entry(name).at("public_pem").get<std::string>());
}

std::string test_api_string(const std::string& name) { return key_entry(name).at("public_key_api").get<std::string>(); }

}  // namespace v6hsm::test
