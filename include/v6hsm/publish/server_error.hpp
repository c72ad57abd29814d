// A vantage6 server that cannot be reached, refuses, or answers something unusable. The message says what
// was attempted, what went wrong and what to do; it quotes the server's own "msg" when there is one and
// never holds a token, API key or password.
#pragma once

#include <string>

#include "v6hsm/error.hpp"

namespace v6hsm::publish {

class ServerError : public Error {
 public:
  // http_status is 0 when no HTTP answer arrived (connection, DNS, TLS, timeout).
  ServerError(const std::string& message, long http_status = 0, std::string server_message = {},
              ErrorKind kind = ErrorKind::server)
      : Error(kind, message), http_status_(http_status), server_message_(std::move(server_message)) {}

  long http_status() const noexcept { return http_status_; }
  const std::string& server_message() const noexcept { return server_message_; }

 private:
  long http_status_;
  std::string server_message_;
};

}  // namespace v6hsm::publish
