// Turns an HTTP answer that is not a success into a ServerError that quotes the server's "msg" and says
// what to do about it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "publish/http_transport.hpp"

namespace v6hsm::publish {

// The server's explanation: vantage6 "msg", or Keycloak "error_description" / "error".
std::optional<std::string> server_message(const SecureBytes& body);

// vantage6 answers an expired access token with 401 {"msg": "Token has expired"}.
bool is_expired_token(const HttpResponse& response);

// `action` says what we were doing ("reading the public key of organization 2").
[[noreturn]] void throw_for_status(const HttpResponse& response, const HttpRequest& request, std::string_view action);

}  // namespace v6hsm::publish
