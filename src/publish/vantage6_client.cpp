#include "v6hsm/publish/vantage6_client.hpp"

#include "publish/authenticator.hpp"
#include "publish/http_transport.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"
#include "publish/server_answers.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

std::string organization_resource(int organization_id) { return "/organization/" + std::to_string(organization_id); }

std::string version_of(const HttpResponse& response, const HttpRequest& request) {
  if (response.status != 200) throw_for_status(response, request, "asking the server for its version");
  return read_server_version(response.body, request.describe());
}

void emit_warnings(const ServerOptions& options) {
  if (!options.on_warning) return;
  for (const auto& warning : options.warnings()) options.on_warning(warning);
}

}  // namespace

const PublicKey& OrganizationKey::require_key() const {
  if (key) return *key;
  const auto id = std::to_string(organization_id);
  if (!published()) {
    throw ServerError("organization " + id +
                      " has not published a public key, so nothing can be encrypted for it; one of its nodes or "
                      "admins must publish it first",
                      0, {}, ErrorKind::not_found);
  }
  throw ServerError("the public key published for organization " + id + " (" + std::to_string(pem.size()) +
                    " bytes) is not an RSA public key PEM; ask the organization to publish its key again");
}

class Vantage6Client::Impl {
 public:
  Impl(ServerOptions server_options, Credentials credentials)
      : options(std::move(server_options)),
        transport(options),
        authenticator(make_authenticator(options.url, std::move(credentials))) {}

  SecureJson call(std::string_view method, const std::string& resource, SecureBytes body, std::string_view action) {
    const std::string_view type = body.empty() ? std::string_view{} : "application/json";
    const HttpRequest request{method, options.url.endpoint(resource), &tokens.access, std::move(body), type};
    auto response = transport.send(request);
    if (is_expired_token(response)) {
      tokens = authenticator->renew(transport, tokens);
      response = transport.send(request);
    }
    if (response.status != 200) throw_for_status(response, request, action);
    return parse_json_body(response.body, request.describe());
  }

  void log_in() {
    emit_warnings(options);
    tokens = authenticator->login(transport);
    const auto resource = authenticator->identity_resource(tokens);
    const auto identity = call("GET", resource, {}, "looking up the logged-in identity");
    organization_id = organization_id_of(identity, "GET " + resource);
  }

  ServerOptions options;
  HttpTransport transport;
  std::unique_ptr<Authenticator> authenticator;
  SessionTokens tokens;
  int organization_id = 0;
};

Vantage6Client Vantage6Client::connect(ServerOptions options, Credentials credentials) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(credentials));
  impl->log_in();
  return Vantage6Client(std::move(impl));
}

Vantage6Client::Vantage6Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Vantage6Client::Vantage6Client(Vantage6Client&&) noexcept = default;
Vantage6Client& Vantage6Client::operator=(Vantage6Client&&) noexcept = default;
Vantage6Client::~Vantage6Client() = default;

int Vantage6Client::organization_id() const noexcept { return impl_->organization_id; }

const ServerOptions& Vantage6Client::options() const noexcept { return impl_->options; }

std::string Vantage6Client::server_version() {
  const HttpRequest request{"GET", impl_->options.url.endpoint("/version"), nullptr, {}, {}};
  return version_of(impl_->transport.send(request), request);
}

OrganizationKey Vantage6Client::organization_key(int organization_id) {
  const auto resource = organization_resource(organization_id);
  try {
    const auto organization = impl_->call("GET", resource, {},
                                          "reading the public key of organization " + std::to_string(organization_id));
    return read_organization_key(organization_id, organization, "GET " + resource);
  } catch (const ServerError& error) {
    // Only here does a 404 mean "no such thing"; elsewhere it means a wrong URL or API path.
    if (error.http_status() != 404) throw;
    throw ServerError(error.what(), error.http_status(), error.server_message(), ErrorKind::not_found);
  }
}

void Vantage6Client::set_public_key(int organization_id, std::string_view api_string) {
  impl_->call("PATCH", organization_resource(organization_id), json_string_object({{"public_key", api_string}}),
              "publishing the public key of organization " + std::to_string(organization_id));
}

std::string fetch_server_version(const ServerOptions& options) {
  emit_warnings(options);
  HttpTransport transport(options);
  const HttpRequest request{"GET", options.url.endpoint("/version"), nullptr, {}, {}};
  return version_of(transport.send(request), request);
}

}  // namespace v6hsm::publish
