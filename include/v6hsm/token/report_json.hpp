// The token layer's results as JSON: the one definition of the documents that the command line prints with
// --json and that the Python module returns as dicts (README, section "JSON output"). Field names are
// stable; new fields may be added, never renamed.
//
// The documents are ordered_json because the field order is part of what people read: it is the order of
// the --json output and of the Python dicts.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token_info.hpp"

namespace v6hsm::token {

// TOKEN: {"slot", "label", "serial", "manufacturer", "model", "initialized", "user_pin_initialized",
// "login_required", "protected_authentication_path", "user_pin_count_low", "user_pin_final_try",
// "user_pin_locked", "flags": [..]}
nlohmann::ordered_json to_json(const TokenInfo& token);

// {"path", "manufacturer", "description", "cryptoki_version", "library_version"}
nlohmann::ordered_json to_json(const ModuleInfo& module);

// {"sensitive", "extractable", "always_sensitive", "never_extractable", "decrypt", "unwrap", "sign", "token",
// "private"}: the PKCS#11 names without their CKA_ prefix.
nlohmann::ordered_json to_json(const KeyAttributes& attributes);

// KEY: {"label", "id" (hex), "bits", "fingerprint", "has_public_object", "attributes", "warnings": [..]}
nlohmann::ordered_json to_json(const KeyInfo& key);

// KEY plus "reused" and "replaced".
nlohmann::ordered_json to_json(const ProvisionResult& result);

// {"name", "supported", "min_key_size", "max_key_size", "flags": [..]}
nlohmann::ordered_json to_json(const MechanismReport& mechanism);

// {"module", "token", "mechanisms", "problems"}, plus "key" (KEY) and "strategy" when the report was built
// for a key that could be used.
nlohmann::ordered_json to_json(const CapabilityReport& report);

// `token list`: {"module": path, "tokens": [TOKEN...]}
nlohmann::ordered_json token_list_json(const std::filesystem::path& module_path, const std::vector<TokenInfo>& tokens);

// `key list`: {"token": label, "keys": [KEY...]}
nlohmann::ordered_json key_list_json(const std::string& token_label, const std::vector<KeyInfo>& keys);

// `token init`: {"token": TOKEN} for the freshly initialized token.
nlohmann::ordered_json token_init_json(const TokenInfo& token);

}  // namespace v6hsm::token
