#include "v6hsm/task_input.hpp"

#include <nlohmann/json.hpp>

namespace v6hsm {

std::string task_organizations_json(const std::vector<OrganizationPayload>& payloads,
                                    std::string_view payload_field) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& item : payloads) {
    array.push_back({{"id", item.organization_id}, {std::string(payload_field), item.payload}});
  }
  return array.dump();
}

}  // namespace v6hsm
