#include "publish/v4_authenticator.hpp"

#include "publish/jwt_subject.hpp"
#include "publish/response_error.hpp"
#include "publish/server_answers.hpp"

namespace v6hsm::publish {

SessionTokens V4Authenticator::login(HttpTransport& transport) {
  const HttpRequest request{"POST", url_.endpoint(login_resource_), nullptr, login_body(), "application/json"};
  const auto response = transport.send(request);
  if (response.status != 200) throw_for_status(response, request, login_action());
  check_login_answer(response);
  return read_token_pair(response.body, request.describe());
}

SessionTokens V4Authenticator::renew(HttpTransport& transport, const SessionTokens& current) {
  const HttpRequest request{"POST", url_.endpoint("/token/refresh"), &current.refresh, {}, {}};
  const auto response = transport.send(request);
  if (response.status != 200) throw_for_status(response, request, "renewing the expired access token");
  return read_token_pair(response.body, request.describe());
}

std::string V4Authenticator::identity_resource(const SessionTokens& tokens) const {
  return identity_collection_ + "/" + std::to_string(jwt_integer_subject(tokens.access));
}

}  // namespace v6hsm::publish
