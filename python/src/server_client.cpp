#include "server_client.hpp"

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "dict_views.hpp"
#include "gil.hpp"
#include "token_cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/publish/report_json.hpp"
#include "v6hsm/secret_source.hpp"

namespace py = pybind11;

namespace v6hsm::python {
namespace {

std::chrono::milliseconds timeout_option(double seconds, const char* name) {
  if (!(seconds > 0) || seconds > 3600) throw InputError(std::string(name) + " must be between 0 and 3600 seconds");
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

SecureBytes read_secret(const std::optional<std::string>& source, const char* what) {
  return SecretSource::parse(*source).read(what);
}

publish::Credentials credentials_from(const ServerArguments& arguments) {
  if (arguments.node_name) {
    if (!arguments.api_key_source || !arguments.keycloak_url) {
      throw InputError("node_name= (vantage6 5.x) needs api_key_source= and keycloak_url=");
    }
    return publish::KeycloakNodeCredentials{*arguments.node_name, read_secret(arguments.api_key_source, "node API key"),
                                            *arguments.keycloak_url, arguments.realm};
  }
  if (arguments.user) {
    if (!arguments.password_source) throw InputError("user= needs password_source='env:NAME' or 'file:PATH'");
    publish::UserCredentials user{*arguments.user, read_secret(arguments.password_source, "password"), std::nullopt};
    if (arguments.mfa_source) user.mfa_code = read_secret(arguments.mfa_source, "two-factor code");
    return user;
  }
  if (arguments.api_key_source) return publish::NodeApiKeyCredentials{read_secret(arguments.api_key_source, "node API key")};
  throw InputError(
      "no credentials: give api_key_source= (node), user= with password_source= (user), or node_name= with "
      "api_key_source= and keycloak_url= (vantage6 5.x)");
}

publish::ServerOptions options_from(const ServerArguments& arguments) {
  auto options = publish::ServerOptions::for_url(arguments.url);
  options.ca_bundle = arguments.ca_bundle;
  options.connect_timeout = timeout_option(arguments.connect_timeout, "connect_timeout");
  options.total_timeout = timeout_option(arguments.timeout, "timeout");
  return options;
}

publish::Vantage6Client connect(const ServerArguments& arguments) {
  auto options = options_from(arguments);
  auto credentials = credentials_from(arguments);
  return without_gil([&] { return publish::Vantage6Client::connect(std::move(options), std::move(credentials)); });
}

// Our key for a sync: a TokenCryptor's, or a public key given as the API string or a PEM.
PublicKey public_key_argument(const py::handle& ours) {
  if (py::isinstance<TokenCryptor>(ours)) return ours.cast<const TokenCryptor&>().key().public_key();
  if (py::isinstance<py::str>(ours)) {
    const auto text = ours.cast<std::string>();
    return text.starts_with("-----BEGIN") ? PublicKey::from_pem(text) : PublicKey::from_api_string(text);
  }
  throw py::type_error("public_key must be a TokenCryptor, or a str holding a PEM or the vantage6 API string");
}

constexpr const char* kClassDoc = R"(A logged-in vantage6 client for publishing and reading organization keys.

ServerClient(url, *, api_key_source=None, user=None, password_source=None, mfa_source=None,
             node_name=None, keycloak_url=None, realm="vantage6", ca_bundle=None,
             connect_timeout=10.0, timeout=30.0)

  4.x node:  api_key_source="env:V6_API_KEY"
  4.x user:  user="alice", password_source="file:/run/secrets/pw" [, mfa_source=...]
  5.x node:  node_name="alpha", api_key_source=..., keycloak_url="https://auth.example.org"
Secrets are read from their sources ("env:NAME", "file:PATH", "prompt") and never kept in Python objects.)";

}  // namespace

publish::SyncPolicy sync_policy(bool replace, bool check_only) {
  if (replace && check_only) throw InputError("give replace=True or check_only=True, not both");
  if (check_only) return publish::SyncPolicy::check_only;
  return replace ? publish::SyncPolicy::replace_if_different : publish::SyncPolicy::publish_if_absent;
}

ServerClient::ServerClient(const ServerArguments& arguments) : client_(connect(arguments)) {}

int ServerClient::organization_id() { return client_.organization_id(); }

std::string ServerClient::server_version() {
  return without_gil([&] {
    const std::lock_guard lock(mutex_);
    return client_.server_version();
  });
}

publish::OrganizationKey ServerClient::organization_key(int organization_id) {
  return without_gil([&] {
    const std::lock_guard lock(mutex_);
    return client_.organization_key(organization_id);
  });
}

publish::SyncReport ServerClient::sync(const PublicKey& ours, publish::SyncPolicy policy) {
  return without_gil([&] {
    const std::lock_guard lock(mutex_);
    return publish::sync_public_key(client_, ours, policy);
  });
}

void bind_server_client(py::module_& module) {
  py::class_<ServerClient>(module, "ServerClient", kClassDoc)
      .def(py::init([](std::string url, std::optional<std::string> api_key_source, std::optional<std::string> user,
                       std::optional<std::string> password_source, std::optional<std::string> mfa_source,
                       std::optional<std::string> node_name, std::optional<std::string> keycloak_url,
                       std::string realm, std::optional<std::filesystem::path> ca_bundle, double connect_timeout,
                       double timeout) {
             return std::make_unique<ServerClient>(ServerArguments{
                 std::move(url), std::move(api_key_source), std::move(user), std::move(password_source),
                 std::move(mfa_source), std::move(node_name), std::move(keycloak_url), std::move(realm),
                 std::move(ca_bundle), connect_timeout, timeout});
           }),
           py::arg("url"), py::kw_only(), V6HSM_SERVER_KEYWORDS)
      .def_property_readonly("organization_id", &ServerClient::organization_id, "Our organization's id.")
      .def("server_version", &ServerClient::server_version, "The server's version string (GET /version).")
      .def(
          "organization_public_key",
          [](ServerClient& self, int organization_id) { return self.organization_key(organization_id).api_string; },
          py::arg("organization_id"),
          "The organization's public_key value: base64 of its PEM, or '' when it has none. Pass it to\n"
          "TokenCryptor.encrypt_bytes_to_str to encrypt for that organization.")
      .def(
          "organization_key",
          [](ServerClient& self, int organization_id) {
            return to_dict(publish::to_json(self.organization_key(organization_id)));
          },
          py::arg("organization_id"), "{'organization_id', 'public_key', 'fingerprint'} of an organization.")
      .def(
          "sync_public_key",
          [](ServerClient& self, const py::handle& public_key, bool replace, bool check_only) {
            return to_dict(publish::to_json(self.sync(public_key_argument(public_key), sync_policy(replace, check_only))));
          },
          py::arg("public_key"), py::kw_only(), py::arg("replace") = false, py::arg("check_only") = false,
          "The vantage6 node start-up check, made safe: publishes our key when the server has none, does\n"
          "nothing when it holds ours, and replaces a different key only with replace=True. check_only=True\n"
          "never writes. Returns {'outcome', 'organization_id', 'our_fingerprint', 'server_fingerprint',\n"
          "'explanation'}; outcome is published, already_current, refused_different, replaced or absent.");
}

}  // namespace v6hsm::python
