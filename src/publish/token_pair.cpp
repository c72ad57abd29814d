#include "publish/authenticator.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"

namespace v6hsm::publish {

HttpResponse post_json(HttpTransport& transport, std::string url, SecureBytes body) {
  const HttpRequest request{"POST", std::move(url), nullptr, std::move(body), "application/json"};
  return transport.send(request);
}

SessionTokens read_token_pair(const HttpResponse& response, std::string_view what) {
  const auto answer = parse_json_body(response.body, what);
  return {required_secret_member(answer, "access_token", what), required_secret_member(answer, "refresh_token", what)};
}

SessionTokens refresh_token_pair(HttpTransport& transport, const ServerUrl& url, const SessionTokens& current) {
  const HttpRequest request{"POST", url.endpoint("/token/refresh"), &current.refresh, {}, {}};
  const auto response = transport.send(request);
  if (response.status != 200) throw_for_status(response, request, "renewing the expired access token");
  return read_token_pair(response, request.describe());
}

}  // namespace v6hsm::publish
