#include <charconv>

#include "v6hsm/error.hpp"
#include "v6hsm/publish/server_options.hpp"

namespace v6hsm::publish {
namespace {

[[noreturn]] void reject(std::string_view url, const std::string& problem) {
  throw InputError("server URL '" + std::string(url) + "' " + problem +
                   "; expected e.g. https://vantage6.example.org[:port][/api]");
}

std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

std::uint16_t parse_port(std::string_view url, std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    reject(url, "has an invalid port '" + std::string(text) + "'");
  }
  return static_cast<std::uint16_t>(value);
}

// Splits "host[:port]" or "[v6addr][:port]" into host and port.
void split_authority(std::string_view url, std::string_view authority, ServerUrl& out) {
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) reject(url, "has an unterminated IPv6 address");
    out.host = std::string(authority.substr(1, close - 1));
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) reject(url, "has text after the IPv6 address");
    port_text = rest.empty() ? rest : rest.substr(1);
  } else {
    const auto colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (colon != std::string_view::npos && port_text.empty()) reject(url, "has an empty port");
  }
  if (out.host.empty()) reject(url, "has no host name");
  out.port = port_text.empty() ? default_port(out.scheme) : parse_port(url, port_text);
}

std::string normalized_api_path(std::string_view path) {
  while (path.ends_with('/')) path.remove_suffix(1);
  return path.empty() ? std::string("/api") : std::string(path);
}

}  // namespace

ServerUrl ServerUrl::parse(std::string_view url) {
  ServerUrl out;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) reject(url, "has no scheme");
  out.scheme = std::string(url.substr(0, scheme_end));
  if (out.scheme != "https" && out.scheme != "http") reject(url, "uses scheme '" + out.scheme + "'");
  const auto rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) reject(url, "has a query or fragment");
  const auto slash = rest.find('/');
  const auto authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) {
    reject(url, "holds user information; pass credentials through a secret source instead");
  }
  split_authority(url, authority, out);
  out.api_path = normalized_api_path(slash == std::string_view::npos ? std::string_view{} : rest.substr(slash));
  return out;
}

std::string ServerUrl::origin() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ServerUrl::endpoint(std::string_view resource) const {
  return origin() + api_path + std::string(resource);
}

std::string ServerUrl::to_string() const { return origin() + api_path; }

bool ServerUrl::is_loopback() const {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace v6hsm::publish
