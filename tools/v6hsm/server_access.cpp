#include "server_access.hpp"

#include "v6hsm/error.hpp"
#include "v6hsm/secret_source.hpp"

namespace v6hsm::cli {
namespace {

std::chrono::milliseconds seconds_option(double seconds, const char* name) {
  if (!(seconds > 0) || seconds > 3600) throw InputError(std::string(name) + " must be between 0 and 3600 seconds");
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

SecureBytes read_secret(const std::string& source, const char* what) { return SecretSource::parse(source).read(what); }

}  // namespace

void add_server_options(CLI::App& command, ServerCliOptions& options) {
  command.add_option("--server", options.server, "vantage6 server URL, e.g. https://v6.example.org:443/api")
      ->group("Server");
  command.add_option("--ca-bundle", options.ca_bundle, "Trust the CA certificates in this PEM file")->group("Server");
  command.add_option("--connect-timeout", options.connect_timeout, "Seconds to wait for a connection (default 10)")
      ->group("Server");
  command.add_option("--timeout", options.timeout, "Seconds a whole request may take (default 30)")->group("Server");
  command.add_option("--api-key-source", options.api_key_source, "Node API key: env:NAME | file:PATH | prompt")
      ->group("Authentication");
  command.add_option("--user", options.user, "Log in as this vantage6 user (4.x)")->group("Authentication");
  command.add_option("--password-source", options.password_source, "User password: env:NAME | file:PATH | prompt")
      ->group("Authentication");
  command.add_option("--mfa-source", options.mfa_source, "Two-factor code: env:NAME | file:PATH | prompt")
      ->group("Authentication");
  command.add_option("--node-name", options.node_name, "vantage6 5.x node name (Keycloak client <name>-node-client)")
      ->group("Authentication");
  command.add_option("--keycloak-url", options.keycloak_url, "vantage6 5.x Keycloak base URL")->group("Authentication");
  command.add_option("--realm", options.realm, "vantage6 5.x Keycloak realm (default vantage6)")->group("Authentication");
}

publish::ServerOptions resolve_server_options(const ServerCliOptions& options, const Console& console) {
  auto server = publish::ServerOptions::for_url(options.server);
  if (!options.ca_bundle.empty()) server.ca_bundle = options.ca_bundle;
  server.connect_timeout = seconds_option(options.connect_timeout, "--connect-timeout");
  server.total_timeout = seconds_option(options.timeout, "--timeout");
  for (const auto& warning : server.warnings()) console.warn(warning);
  return server;
}

publish::Credentials resolve_credentials(const ServerCliOptions& options) {
  if (!options.node_name.empty()) {
    if (options.api_key_source.empty() || options.keycloak_url.empty()) {
      throw InputError("--node-name (vantage6 5.x) needs --api-key-source and --keycloak-url");
    }
    return publish::KeycloakNodeCredentials{options.node_name, read_secret(options.api_key_source, "node API key"),
                                            options.keycloak_url, options.realm};
  }
  if (!options.user.empty()) {
    if (options.password_source.empty()) throw InputError("--user needs --password-source env:NAME|file:PATH|prompt");
    publish::UserCredentials user{options.user, read_secret(options.password_source, "password"), std::nullopt};
    if (!options.mfa_source.empty()) user.mfa_code = read_secret(options.mfa_source, "two-factor code");
    return user;
  }
  if (!options.api_key_source.empty()) {
    return publish::NodeApiKeyCredentials{read_secret(options.api_key_source, "node API key")};
  }
  throw InputError(
      "no credentials: give --api-key-source SRC (node), --user NAME --password-source SRC (user), or "
      "--node-name N --api-key-source SRC --keycloak-url URL (vantage6 5.x)");
}

publish::Vantage6Client connect_to_server(const ServerCliOptions& options, const Console& console) {
  if (!options.given()) throw InputError("this command needs --server URL");
  auto server = resolve_server_options(options, console);
  auto credentials = resolve_credentials(options);
  console.detail("logging in to " + server.url.to_string());
  return publish::Vantage6Client::connect(std::move(server), std::move(credentials));
}

}  // namespace v6hsm::cli
