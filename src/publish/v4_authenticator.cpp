#include "publish/v4_authenticator.hpp"

#include "publish/jwt_subject.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"

namespace v6hsm::publish {
namespace {

SessionTokens read_token_pair(const HttpResponse& response, const HttpRequest& request) {
  const auto what = request.describe();
  const auto answer = parse_json_body(response.body, what);
  return {required_secret_member(answer, "access_token", what), required_secret_member(answer, "refresh_token", what)};
}

}  // namespace

SessionTokens V4Authenticator::login(HttpTransport& transport) {
  const HttpRequest request{"POST", url_.endpoint(login_resource_), nullptr, login_body(), "application/json"};
  const auto response = transport.send(request);
  if (response.status != 200) throw_for_status(response, request, login_action());
  check_login_answer(response);
  return read_token_pair(response, request);
}

SessionTokens V4Authenticator::renew(HttpTransport& transport, const SessionTokens& current) {
  const HttpRequest request{"POST", url_.endpoint("/token/refresh"), &current.refresh, {}, {}};
  const auto response = transport.send(request);
  if (response.status != 200) throw_for_status(response, request, "renewing the expired access token");
  return read_token_pair(response, request);
}

std::string V4Authenticator::identity_resource(const SessionTokens& tokens) const {
  return identity_collection_ + "/" + std::to_string(jwt_integer_subject(tokens.access));
}

}  // namespace v6hsm::publish
