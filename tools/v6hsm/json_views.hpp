// The --json documents that only the command line prints (README, section "JSON output"). The documents it
// shares with the Python module come from the library: v6hsm/token/report_json.hpp and
// v6hsm/publish/report_json.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "v6hsm/token/key_info.hpp"

namespace v6hsm::cli {

using Json = nlohmann::ordered_json;

// `key show`: KEY plus the public key as an SPKI PEM and as the vantage6 API string.
Json key_show_json(const token::KeyInfo& key);

// `key delete`: {"deleted": KEY, "objects_destroyed": n}
Json key_deleted_json(const token::KeyInfo& key, int objects_destroyed);

}  // namespace v6hsm::cli
