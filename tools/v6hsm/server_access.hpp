// The server options (--server, --ca-bundle, timeouts) and the AUTH options shared by `key publish`,
// `key verify`, `encrypt --to-org` and `doctor --server`:
//   4.x node:  --api-key-source SRC
//   4.x user:  --user NAME --password-source SRC [--mfa-source SRC]
//   5.x node:  --node-name N --api-key-source SRC --keycloak-url URL [--realm R]
#pragma once

#include <string>

#include "cli.hpp"
#include "v6hsm/publish/vantage6_client.hpp"

namespace v6hsm::cli {

struct ServerCliOptions {
  std::string server;
  std::string ca_bundle;
  double connect_timeout = 10;
  double timeout = 30;
  std::string api_key_source;
  std::string user;
  std::string password_source;
  std::string mfa_source;
  std::string node_name;
  std::string keycloak_url;
  std::string realm = "vantage6";

  bool given() const noexcept { return !server.empty(); }
};

void add_server_options(CLI::App& command, ServerCliOptions& options);

// The server's options (warnings go to the console); throws InputError for a bad URL or timeout.
publish::ServerOptions resolve_server_options(const ServerCliOptions& options, const Console& console);
// Reads the secrets from their sources; throws InputError when the AUTH options do not form one method.
publish::Credentials resolve_credentials(const ServerCliOptions& options);
// Requires --server, then logs in.
publish::Vantage6Client connect_to_server(const ServerCliOptions& options, const Console& console);

}  // namespace v6hsm::cli
