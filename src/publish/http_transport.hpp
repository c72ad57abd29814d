// One libcurl handle speaking HTTP(S) to the server: TLS verification always on, timeouts, a response size
// limit, and retries with backoff for requests that are safe to repeat.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

#include "v6hsm/publish/server_options.hpp"
#include "v6hsm/secure_buffer.hpp"

typedef void CURL;

namespace v6hsm::publish {

struct HttpRequest {
  std::string_view method;  // "GET", "POST" or "PATCH"
  std::string url;          // never holds a secret
  const SecureBytes* bearer = nullptr;
  SecureBytes body;
  std::string_view content_type;

  // GET and our PATCH (which sets a field to a fixed value) can be repeated without changing the result.
  bool safe_to_repeat() const noexcept { return method == "GET" || method == "PATCH"; }
  // "GET https://host:port/api/organization/2", for messages.
  std::string describe() const { return std::string(method) + " " + url; }
};

struct HttpResponse {
  long status = 0;
  SecureBytes body;
};

class HttpTransport {
 public:
  explicit HttpTransport(const ServerOptions& options);
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;
  ~HttpTransport();

  // Sends `request`, repeating it at most 3 times on connection errors and 5xx answers when it is safe to
  // repeat. The options' total timeout bounds all attempts and pauses together, so a slow or failing
  // server cannot stretch a call beyond it. Returns any HTTP answer that is not retried; throws
  // ServerError when no answer came.
  HttpResponse send(const HttpRequest& request);

 private:
  struct Failure {
    std::string message;
    bool retryable;
  };
  std::variant<HttpResponse, Failure> attempt(const HttpRequest& request, std::chrono::milliseconds budget);
  void configure(const HttpRequest& request, char* error_buffer, std::chrono::milliseconds budget);

  const ServerOptions& options_;
  CURL* curl_;
  bool body_too_large_ = false;
};

}  // namespace v6hsm::publish
