#include "json_views.hpp"

namespace v6hsm::cli {

Json to_json(const token::TokenInfo& token) {
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

Json to_json(const token::ModuleInfo& module) {
  return {{"path", module.path.string()},
          {"manufacturer", module.manufacturer},
          {"description", module.description},
          {"cryptoki_version", module.cryptoki_version},
          {"library_version", module.library_version}};
}

Json to_json(const token::KeyInfo& key) {
  const auto& attributes = key.attributes;
  return {{"label", key.label},
          {"id", key.id_hex()},
          {"bits", key.bits()},
          {"fingerprint", key.public_key.fingerprint()},
          {"has_public_object", key.has_public_object},
          {"attributes",
           {{"sensitive", attributes.sensitive},
            {"extractable", attributes.extractable},
            {"always_sensitive", attributes.always_sensitive},
            {"never_extractable", attributes.never_extractable},
            {"decrypt", attributes.decrypt},
            {"unwrap", attributes.unwrap},
            {"sign", attributes.sign},
            {"token", attributes.on_token},
            {"private", attributes.is_private}}},
          {"warnings", token::attribute_warnings(attributes)}};
}

Json to_json(const token::MechanismReport& mechanism) {
  return {{"name", mechanism.name},
          {"supported", mechanism.supported},
          {"min_key_size", mechanism.min_key_size},
          {"max_key_size", mechanism.max_key_size},
          {"flags", mechanism.flag_names}};
}

}  // namespace v6hsm::cli
