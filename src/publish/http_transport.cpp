#include "publish/http_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

constexpr int kMaxRetries = 3;

// Owns the request headers; wipes them before freeing because one of them holds the bearer token.
class HeaderList {
 public:
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  ~HeaderList() {
    for (curl_slist* node = list_; node != nullptr; node = node->next) secure_wipe(node->data, std::strlen(node->data));
    curl_slist_free_all(list_);
  }
  void add(const SecureBytes& line) {
    SecureBytes terminated = line;
    terminated.push_back('\0');
    curl_slist* grown = curl_slist_append(list_, reinterpret_cast<const char*>(terminated.data()));
    if (grown == nullptr) throw std::bad_alloc();
    list_ = grown;
  }
  curl_slist* get() const noexcept { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

SecureBytes header_line(std::string_view name, std::string_view value) {
  SecureBytes line(name.begin(), name.end());
  line.push_back(':');
  line.push_back(' ');
  line.insert(line.end(), value.begin(), value.end());
  return line;
}

struct BodySink {
  SecureBytes* body;
  std::size_t limit;
  bool* too_large;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const std::size_t length = size * count;
  if (sink->body->size() + length > sink->limit) {
    *sink->too_large = true;
    return 0;  // makes libcurl abort the transfer with CURLE_WRITE_ERROR
  }
  sink->body->insert(sink->body->end(), data, data + length);
  return length;
}

bool is_tls_failure(CURLcode code) {
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return true;
    default:
      return false;
  }
}

std::string failure_reason(CURLcode code, const ServerOptions& options) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return "could not connect (connection refused or host unreachable); check that the server runs and that "
             "the URL's host and port are right";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "the host name could not be resolved (DNS failure); check the server URL";
    case CURLE_OPERATION_TIMEDOUT:
      return "no complete answer within the timeout (connect " + std::to_string(options.connect_timeout.count()) +
             " ms, total " + std::to_string(options.total_timeout.count()) +
             " ms); the server or the network is too slow or down";
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return "the connection was closed before a complete answer arrived";
    default:
      if (is_tls_failure(code)) {
        return "the TLS connection failed (certificate not trusted, wrong host name or handshake error); pass "
               "the CA bundle that signed the server's certificate and use the host name it was issued for";
      }
      return "the request failed";
  }
}

using Clock = std::chrono::steady_clock;

// What is left of the call's time; libcurl takes 0 as "no timeout", so a spent budget becomes 1 ms.
std::chrono::milliseconds remaining_until(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(left, std::chrono::milliseconds(1));
}

bool is_retryable(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING ||
         code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE;
}

void check(CURLcode code) {
  if (code != CURLE_OK) {
    throw ServerError(std::string("libcurl rejected an option: ") + curl_easy_strerror(code));
  }
}

CURL* new_handle() {
  static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  check(global_init);
  CURL* handle = curl_easy_init();
  if (handle == nullptr) throw ServerError("libcurl could not create a handle (out of memory?)");
  return handle;
}

}  // namespace

HttpTransport::HttpTransport(const ServerOptions& options) : options_(options), curl_(new_handle()) {}

HttpTransport::~HttpTransport() { curl_easy_cleanup(curl_); }

HttpResponse HttpTransport::send(const HttpRequest& request) {
  const auto deadline = Clock::now() + options_.total_timeout;
  for (int retry = 0;; ++retry) {
    auto outcome = attempt(request, remaining_until(deadline));
    const auto pause = options_.retry_backoff * (1 << retry);
    const bool may_retry = request.safe_to_repeat() && retry < kMaxRetries && Clock::now() + pause < deadline;
    if (auto* response = std::get_if<HttpResponse>(&outcome)) {
      if (!may_retry || response->status < 500) return std::move(*response);
    } else {
      const auto& failure = std::get<Failure>(outcome);
      if (!may_retry || !failure.retryable) {
        const auto attempts = retry == 0 ? std::string() : " (after " + std::to_string(retry + 1) + " attempts)";
        throw ServerError(request.describe() + ": " + failure.message + attempts);
      }
    }
    std::this_thread::sleep_for(pause);
  }
}

std::variant<HttpResponse, HttpTransport::Failure> HttpTransport::attempt(const HttpRequest& request,
                                                                    std::chrono::milliseconds budget) {
  HttpResponse response;
  HeaderList headers;
  if (request.bearer != nullptr) {
    SecureBytes value(std::string_view("Bearer ").begin(), std::string_view("Bearer ").end());
    value.insert(value.end(), request.bearer->begin(), request.bearer->end());
    headers.add(header_line("Authorization", as_chars(value)));
  }
  if (!request.content_type.empty()) headers.add(header_line("Content-Type", request.content_type));
  headers.add(header_line("Accept", "application/json"));

  char error_buffer[CURL_ERROR_SIZE] = {};
  BodySink sink{&response.body, options_.max_response_bytes, &body_too_large_};
  body_too_large_ = false;
  configure(request, error_buffer, budget);
  check(curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers.get()));
  check(curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &append_body));
  check(curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &sink));

  const CURLcode code = curl_easy_perform(curl_);
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  // Drops the pointers to this frame's headers, sink and error buffer; open connections stay for reuse.
  curl_easy_reset(curl_);
  if (body_too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
    return Failure{"the answer is larger than the " + std::to_string(options_.max_response_bytes) +
                       "-byte limit; refusing to read it",
                   false};
  }
  if (code != CURLE_OK) {
    const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return Failure{failure_reason(code, options_) + " [libcurl: " + detail + ", CURLE code " +
                       std::to_string(static_cast<int>(code)) + "]",
                   is_retryable(code)};
  }
  return response;
}

void HttpTransport::configure(const HttpRequest& request, char* error_buffer, std::chrono::milliseconds budget) {
  const std::string method(request.method);
  check(curl_easy_setopt(curl_, CURLOPT_URL, request.url.c_str()));
  check(curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_buffer));
  check(curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https"));
  check(curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L));
  check(curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L));
  check(curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L));
  check(curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L));
  if (options_.ca_bundle) check(curl_easy_setopt(curl_, CURLOPT_CAINFO, options_.ca_bundle->c_str()));
  check(curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count())));
  check(curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(budget.count())));
  check(curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes)));
  if (method == "GET") {
    check(curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L));
    return;
  }
  check(curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str()));
  // A null POSTFIELDS would make libcurl read the body from stdin, so an empty body points at "".
  const void* body = request.body.empty() ? static_cast<const void*>("") : request.body.data();
  check(curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body));
  check(curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
}

}  // namespace v6hsm::publish
