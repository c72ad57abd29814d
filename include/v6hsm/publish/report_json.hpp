// The publish layer's results as JSON: the one definition of the documents that the command line prints
// with --json and that the Python module returns as dicts (README, section "JSON output"). Field names are
// stable; new fields may be added, never renamed. ordered_json keeps the documented field order.
#pragma once

#include <nlohmann/json.hpp>

#include "v6hsm/publish/key_sync.hpp"
#include "v6hsm/publish/vantage6_client.hpp"

namespace v6hsm::publish {

// `key publish` / `key verify`: {"outcome" (outcome_identifier), "organization_id", "our_fingerprint",
// "server_fingerprint" (string, or null when the server had no key), "explanation"}
nlohmann::ordered_json to_json(const SyncReport& report);

// Python's ServerClient.organization_key: {"organization_id", "public_key" (the server's API string, "" when
// none), "fingerprint" (string, or null when nothing usable is published)}
nlohmann::ordered_json to_json(const OrganizationKey& published);

}  // namespace v6hsm::publish
