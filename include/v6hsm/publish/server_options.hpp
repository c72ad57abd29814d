// Where the vantage6 server is and how to talk to it: the URL split into scheme, host, port and API path,
// the TLS trust anchor, timeouts, retry pacing and the response size limit.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v6hsm::publish {

struct ServerUrl {
  std::string scheme;    // "http" or "https"
  std::string host;      // a name, an IPv4 address, or an IPv6 address without brackets
  std::uint16_t port = 0;
  std::string api_path;  // starts with '/', no trailing '/'; "/api" unless the URL names another

  // Accepts "https://host[:port][/path]" and "http://..."; the port defaults to 443 / 80 and the path
  // to "/api". Throws InputError naming what is wrong (unknown scheme, user info, query, bad port).
  static ServerUrl parse(std::string_view url);

  std::string origin() const;                            // "scheme://host:port"
  std::string endpoint(std::string_view resource) const;  // origin + api_path + resource ("/version")
  bool is_loopback() const;                               // localhost, 127.0.0.0/8 or ::1
  std::string to_string() const;                          // origin + api_path
};

struct ServerOptions {
  ServerUrl url;
  std::optional<std::filesystem::path> ca_bundle;  // trust these CAs instead of the system store
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};  // the whole request, every retry and pause included
  std::chrono::milliseconds retry_backoff{500};  // delay before the first retry; doubles every retry
  std::size_t max_response_bytes = 16 * 1024 * 1024;
  // Receives every warning (e.g. plain http to a remote host) when a client is created.
  std::function<void(const std::string&)> on_warning;

  static ServerOptions for_url(std::string_view url) {
    ServerOptions options;
    options.url = ServerUrl::parse(url);
    return options;
  }

  // Warnings about these options; empty when nothing is risky.
  std::vector<std::string> warnings() const;
};

}  // namespace v6hsm::publish
