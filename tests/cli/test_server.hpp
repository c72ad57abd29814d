// The bundled vantage6-compatible server (tests/support/v6server.py) as a real process on 127.0.0.1,
// seeded for the CLI tests:
//   org 1 "org-alpha": node 10 (kAlphaApiKey), user 20 "alice" (kAlicePassword)
//   org 2 "org-beta":  node 11 (kBetaApiKey)
//   org 3 "org-gamma": node 12 (kGammaApiKey)
//   one encrypted collaboration holding all three, so each node may read the others' public keys.
#pragma once

#include <string>
#include <vector>

#include "cli/child_process.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::cli_test {

inline constexpr const char* kAlphaApiKey = "1d9a3c55-8e2b-4f0d-b6a7-3c1e5f7a9b20";
inline constexpr const char* kBetaApiKey = "7e4b2d10-6c3f-4a8e-9d51-0f2a4c6e8b13";
inline constexpr const char* kGammaApiKey = "c2f8e6a4-1b3d-4e5f-8a7c-9d0b2e4f6a35";
inline constexpr const char* kAlicePassword = "alice-cli-test-password";

// Started with the seed above; stopped when it goes out of scope.
class TestServer {
 public:
  // `server_arguments` go to v6server.py as they are, e.g. --tls-cert/--tls-key for HTTPS.
  explicit TestServer(std::vector<std::string> server_arguments = {});

  std::string url() const;  // "http://127.0.0.1:PORT/api" (https in TLS mode)

 private:
  test::V6ServerProcess process_;
};

// The seeded secrets as environment variables ALPHA_API_KEY, BETA_API_KEY, GAMMA_API_KEY and
// ALICE_PASSWORD, for --api-key-source env:... and --password-source env:...
Environment server_secrets();
// --server URL --api-key-source env:VARIABLE
std::vector<std::string> node_login(const std::string& url, const std::string& api_key_variable);

// An http:// URL of a port on 127.0.0.1 where nothing listens.
std::string unreachable_server_url();

}  // namespace v6hsm::cli_test
