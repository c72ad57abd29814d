// A logged-in vantage6 client: it knows its own organization, reads any organization's public key and
// publishes ours. Requests are retried on connection errors and 5xx (GET and the idempotent PATCH only,
// at most 3 retries with backoff), and an expired access token is renewed once per request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"
#include "v6hsm/public_key.hpp"
#include "v6hsm/publish/credentials.hpp"
#include "v6hsm/publish/server_options.hpp"

namespace v6hsm::publish {

struct OrganizationKey {
  int organization_id = 0;
  std::string api_string;         // the server's "public_key" value; "" when none is published
  Bytes pem;                      // the decoded bytes, which is what keys are compared on
  std::optional<PublicKey> key;   // empty when nothing is published or the bytes are not a key PEM

  bool published() const noexcept { return !pem.empty(); }
  // The key, or a ServerError saying that the organization has none (or an unusable one).
  const PublicKey& require_key() const;
};

class Vantage6Client {
 public:
  // Logs in and learns our organization id. Throws ServerError (or InputError for unusable options).
  static Vantage6Client connect(ServerOptions options, Credentials credentials);

  Vantage6Client(Vantage6Client&&) noexcept;
  Vantage6Client& operator=(Vantage6Client&&) noexcept;
  ~Vantage6Client();

  int organization_id() const noexcept;
  const ServerOptions& options() const noexcept;

  // GET /version, no login needed: the server's version string.
  std::string server_version();
  // GET /organization/<id>: a 404 becomes a ServerError of kind not_found.
  OrganizationKey organization_key(int organization_id);
  // PATCH /organization/<id> {"public_key": api_string}.
  void set_public_key(int organization_id, std::string_view api_string);

 private:
  class Impl;
  explicit Vantage6Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// GET /version without logging in, e.g. for a connectivity check. Emits the options' warnings first.
std::string fetch_server_version(const ServerOptions& options);

}  // namespace v6hsm::publish
