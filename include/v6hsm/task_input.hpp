// The `organizations` array of a vantage6 task-creation request (POST /api/task): one encrypted payload
// per organization, each for that organization's own public key. vantage6 4.x names the payload field
// "input", 5.x names it "arguments".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace v6hsm {

struct OrganizationPayload {
  int organization_id = 0;
  std::string payload;  // the wire string
};

// `[{"id": 2, "input": "..."}, ...]`
std::string task_organizations_json(const std::vector<OrganizationPayload>& payloads,
                                    std::string_view payload_field = "input");

}  // namespace v6hsm
