#include "v6hsm/task_input.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace v6hsm {
namespace {

TEST(TaskInput, BuildsOrganizationsArray) {
  const std::string json = task_organizations_json({{2, "a$b$c"}, {3, "d$e$"}});
  EXPECT_EQ(json, R"([{"id":2,"input":"a$b$c"},{"id":3,"input":"d$e$"}])");
  const auto parsed = nlohmann::json::parse(task_organizations_json({{7, "x"}}, "arguments"));
  EXPECT_EQ(parsed.at(0).at("arguments"), "x");
  EXPECT_EQ(parsed.at(0).at("id"), 7);
  EXPECT_EQ(task_organizations_json({}), "[]");
}

}  // namespace
}  // namespace v6hsm
