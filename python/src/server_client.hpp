// v6hsm.ServerClient: a logged-in vantage6 client (4.x node API key, 4.x user login, or 5.x Keycloak node)
// that reads organizations' public keys and syncs ours. Secrets come from sources ("env:NAME",
// "file:PATH", "prompt"), never as str arguments.
#pragma once

#include <pybind11/pybind11.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "v6hsm/public_key.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "v6hsm/publish/vantage6_client.hpp"

namespace v6hsm::python {

struct ServerArguments {
  std::string url;
  std::optional<std::string> api_key_source;
  std::optional<std::string> user;
  std::optional<std::string> password_source;
  std::optional<std::string> mfa_source;
  std::optional<std::string> node_name;
  std::optional<std::string> keycloak_url;
  std::string realm = "vantage6";
  std::optional<std::filesystem::path> ca_bundle;
  double connect_timeout = 10;
  double timeout = 30;
};

// The keywords after `url` that fill ServerArguments, in its order, with its defaults: ServerClient() and
// the module-level sync_public_key() take the same ones.
#define V6HSM_SERVER_KEYWORDS                                                                                   \
  pybind11::arg("api_key_source") = pybind11::none(), pybind11::arg("user") = pybind11::none(),                \
      pybind11::arg("password_source") = pybind11::none(), pybind11::arg("mfa_source") = pybind11::none(),     \
      pybind11::arg("node_name") = pybind11::none(), pybind11::arg("keycloak_url") = pybind11::none(),         \
      pybind11::arg("realm") = ServerArguments{}.realm, pybind11::arg("ca_bundle") = pybind11::none(),         \
      pybind11::arg("connect_timeout") = ServerArguments{}.connect_timeout,                                    \
      pybind11::arg("timeout") = ServerArguments{}.timeout

// check_only wins over nothing: asking for both is an InputError.
publish::SyncPolicy sync_policy(bool replace, bool check_only);

// One client used from several Python threads takes turns: the HTTP client is not re-entrant.
class ServerClient {
 public:
  explicit ServerClient(const ServerArguments& arguments);

  int organization_id();
  std::string server_version();
  publish::OrganizationKey organization_key(int organization_id);
  publish::SyncReport sync(const PublicKey& ours, publish::SyncPolicy policy);

 private:
  std::mutex mutex_;
  publish::Vantage6Client client_;
};

void bind_server_client(pybind11::module_& module);

}  // namespace v6hsm::python
