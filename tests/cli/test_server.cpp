#include "cli/test_server.hpp"

#include <nlohmann/json.hpp>
#include <utility>

namespace v6hsm::cli_test {
namespace {

nlohmann::json cli_seed() {
  const nlohmann::json document = {
      {"organizations",
       {{{"id", 1}, {"name", "org-alpha"}}, {{"id", 2}, {"name", "org-beta"}}, {{"id", 3}, {"name", "org-gamma"}}}},
      {"collaborations", {{{"id", 1}, {"name", "cli-collab"}, {"organizations", {1, 2, 3}}, {"encrypted", true}}}},
      {"nodes",
       {{{"id", 10}, {"organization", 1}, {"api_key", kAlphaApiKey}, {"name", "alpha"}},
        {{"id", 11}, {"organization", 2}, {"api_key", kBetaApiKey}, {"name", "beta"}},
        {{"id", 12}, {"organization", 3}, {"api_key", kGammaApiKey}, {"name", "gamma"}}}},
      {"users",
       {{{"id", 20},
         {"organization", 1},
         {"username", "alice"},
         {"password", kAlicePassword},
         {"mfa", "off"},
         {"edit_own_organization", true}}}}};
  return document;
}

}  // namespace

TestServer::TestServer(std::vector<std::string> server_arguments)
    : process_(cli_seed(), std::move(server_arguments)) {}

std::string TestServer::url() const { return process_.origin() + "/api"; }

Environment server_secrets() {
  return {{"ALPHA_API_KEY", kAlphaApiKey},
          {"BETA_API_KEY", kBetaApiKey},
          {"GAMMA_API_KEY", kGammaApiKey},
          {"ALICE_PASSWORD", kAlicePassword}};
}

std::vector<std::string> node_login(const std::string& url, const std::string& api_key_variable) {
  return {"--server", url, "--api-key-source", "env:" + api_key_variable};
}

std::string unreachable_server_url() {
  return "http://127.0.0.1:" + std::to_string(test::unused_local_port()) + "/api";
}

}  // namespace v6hsm::cli_test
