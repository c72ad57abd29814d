// The stable --json shapes of the tool's reports (documented in the README, section "JSON output").
#pragma once

#include <nlohmann/json.hpp>

#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token_info.hpp"

namespace v6hsm::cli {

using Json = nlohmann::ordered_json;

Json to_json(const token::TokenInfo& token);
Json to_json(const token::ModuleInfo& module);
Json to_json(const token::KeyInfo& key);
Json to_json(const token::MechanismReport& mechanism);

}  // namespace v6hsm::cli
