#include "publish/jwt_subject.hpp"

#include <algorithm>
#include <limits>

#include "publish/secure_json.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

[[noreturn]] void reject(const std::string& problem) {
  throw ServerError("the access token from the server " + problem +
                    "; a vantage6 4.x token is a JWT whose \"sub\" is the node or user id");
}

// JWT segments use the URL-safe alphabet without padding; the strict decoder wants the standard form.
SecureBytes decode_base64url(std::string_view segment) {
  SecureBytes standard(segment.begin(), segment.end());
  std::replace(standard.begin(), standard.end(), static_cast<std::uint8_t>('-'), static_cast<std::uint8_t>('+'));
  std::replace(standard.begin(), standard.end(), static_cast<std::uint8_t>('_'), static_cast<std::uint8_t>('/'));
  while (standard.size() % 4 != 0) standard.push_back('=');
  auto decoded = try_base64_decode_secret(as_chars(standard));
  if (!decoded) reject("has a payload that is not base64url");
  return std::move(*decoded);
}

}  // namespace

int jwt_integer_subject(const SecureBytes& token) {
  const auto text = as_chars(token);
  const auto first_dot = text.find('.');
  if (first_dot == std::string_view::npos) reject("is not a JWT");
  const auto second_dot = text.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) reject("is not a JWT");
  const auto payload = decode_base64url(text.substr(first_dot + 1, second_dot - first_dot - 1));
  const auto claims = SecureJson::parse(payload.begin(), payload.end(), nullptr, false);
  const auto sub = claims.is_object() ? claims.find("sub") : claims.end();
  if (sub == claims.end() || !sub->is_number_integer()) reject("has no integer \"sub\" claim");
  const auto value = sub->get<std::int64_t>();
  if (value <= 0 || value > std::numeric_limits<int>::max()) reject("has an out-of-range \"sub\" claim");
  return static_cast<int>(value);
}

}  // namespace v6hsm::publish
