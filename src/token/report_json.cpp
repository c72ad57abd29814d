#include "v6hsm/token/report_json.hpp"

#include <string>

#include "v6hsm/token/token_key.hpp"

namespace v6hsm::token {
namespace {

using Json = nlohmann::ordered_json;

// An empty list stays an empty JSON array (never null), so readers can always iterate.
template <typename Item>
Json json_array(const std::vector<Item>& items) {
  Json array = Json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

}  // namespace

Json to_json(const TokenInfo& token) {
  return {{"slot", token.slot_id},
          {"label", token.label},
          {"serial", token.serial},
          {"manufacturer", token.manufacturer},
          {"model", token.model},
          {"initialized", token.initialized()},
          {"user_pin_initialized", token.user_pin_initialized()},
          {"login_required", token.login_required()},
          {"protected_authentication_path", token.protected_authentication_path()},
          {"user_pin_count_low", token.user_pin_count_low()},
          {"user_pin_final_try", token.user_pin_final_try()},
          {"user_pin_locked", token.user_pin_locked()},
          {"flags", token.flag_names()}};
}

Json to_json(const ModuleInfo& module) {
  return {{"path", module.path.string()},
          {"manufacturer", module.manufacturer},
          {"description", module.description},
          {"cryptoki_version", module.cryptoki_version},
          {"library_version", module.library_version}};
}

Json to_json(const KeyAttributes& attributes) {
  return {{"sensitive", attributes.sensitive},
          {"extractable", attributes.extractable},
          {"always_sensitive", attributes.always_sensitive},
          {"never_extractable", attributes.never_extractable},
          {"decrypt", attributes.decrypt},
          {"unwrap", attributes.unwrap},
          {"sign", attributes.sign},
          {"token", attributes.on_token},
          {"private", attributes.is_private}};
}

Json to_json(const KeyInfo& key) {
  return {{"label", key.label},
          {"id", key.id_hex()},
          {"bits", key.bits()},
          {"fingerprint", key.public_key.fingerprint()},
          {"has_public_object", key.has_public_object},
          {"attributes", to_json(key.attributes)},
          {"warnings", attribute_warnings(key.attributes)}};
}

Json to_json(const ProvisionResult& result) {
  Json document = to_json(result.key);
  document["reused"] = result.reused;
  document["replaced"] = result.replaced;
  return document;
}

Json to_json(const MechanismReport& mechanism) {
  return {{"name", mechanism.name},
          {"supported", mechanism.supported},
          {"min_key_size", mechanism.min_key_size},
          {"max_key_size", mechanism.max_key_size},
          {"flags", mechanism.flag_names}};
}

Json to_json(const CapabilityReport& report) {
  Json document = {{"module", to_json(report.module)},
                   {"token", to_json(report.token)},
                   {"mechanisms", json_array(report.mechanisms)},
                   {"problems", report.problems}};
  if (report.key) document["key"] = to_json(*report.key);
  if (report.strategy) document["strategy"] = std::string(strategy_name(*report.strategy));
  return document;
}

Json token_list_json(const std::filesystem::path& module_path, const std::vector<TokenInfo>& tokens) {
  return {{"module", module_path.string()}, {"tokens", json_array(tokens)}};
}

Json key_list_json(const std::string& token_label, const std::vector<KeyInfo>& keys) {
  return {{"token", token_label}, {"keys", json_array(keys)}};
}

Json token_init_json(const TokenInfo& token) { return {{"token", to_json(token)}}; }

}  // namespace v6hsm::token
