// The access token of a vantage6 4.x login: the client reads its integer "sub" without verifying it. The
// input is tried as a whole token, and as the claims of a token built around it; the latter is compared
// with an independent reading of the claims by plain nlohmann::json. Only ServerError may escape.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "publish/jwt_subject.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::fuzz {
namespace {

std::optional<int> subject_of(const SecureBytes& token) {
  try {
    const int subject = publish::jwt_integer_subject(token);
    check(subject > 0, "an accepted subject is a positive id");
    return subject;
  } catch (const publish::ServerError&) {
    return std::nullopt;
  }
}

std::string base64url(ByteView data) {
  auto text = base64_encode(data);
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (auto& c : text) c = c == '+' ? '-' : (c == '/' ? '_' : c);
  return text;
}

// What the claims say according to a JSON parser that has nothing to do with SecureJson.
std::optional<int> expected_subject(ByteView claims) {
  const auto parsed = nlohmann::json::parse(claims.begin(), claims.end(), nullptr, false);
  if (!parsed.is_object() || !parsed.contains("sub") || !parsed["sub"].is_number_integer()) return std::nullopt;
  const auto sub = parsed["sub"].get<std::int64_t>();
  if (sub <= 0 || sub > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(sub);
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace v6hsm;
  const ByteView input(data, size);
  fuzz::subject_of(to_secure_bytes(input));

  const auto token = "eyJhbGciOiJIUzI1NiJ9." + fuzz::base64url(input) + ".c2ln";
  const auto subject = fuzz::subject_of(to_secure_bytes(as_bytes(token)));
  fuzz::check(subject == fuzz::expected_subject(input), "the subject agrees with an independent JSON reading");
  return 0;
}
