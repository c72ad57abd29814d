#include "v6hsm/publish/report_json.hpp"

#include <optional>
#include <string>

namespace v6hsm::publish {
namespace {

using Json = nlohmann::ordered_json;

// Absent values are JSON null, so a reader can tell "none" from an empty string.
Json string_or_null(const std::optional<std::string>& text) { return text ? Json(*text) : Json(); }

}  // namespace

Json to_json(const SyncReport& report) {
  return {{"outcome", std::string(outcome_identifier(report.outcome))},
          {"organization_id", report.organization_id},
          {"our_fingerprint", report.our_fingerprint},
          {"server_fingerprint", string_or_null(report.server_fingerprint)},
          {"explanation", report.explanation}};
}

Json to_json(const OrganizationKey& published) {
  const auto fingerprint = published.key ? std::optional(published.key->fingerprint()) : std::nullopt;
  return {{"organization_id", published.organization_id},
          {"public_key", published.api_string},
          {"fingerprint", string_or_null(fingerprint)}};
}

}  // namespace v6hsm::publish
