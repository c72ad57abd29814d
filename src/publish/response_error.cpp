#include "publish/response_error.hpp"

#include "publish/secure_json.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

constexpr std::size_t kMaxQuotedLength = 300;

std::string hint_for(long status) {
  switch (status) {
    case 400:
      return "the server rejected the request as malformed; this client and the server may disagree on the "
             "vantage6 API version";
    case 401:
      return "the credentials or the token were refused, or the account lacks the permission (a node may only "
             "change its own organization)";
    case 403:
      return "the account lacks the permission for this";
    case 301:
    case 302:
    case 307:
    case 308:
      return "the server redirects elsewhere (often from http to https); use the URL it redirects to";
    case 404:
      return "it does not exist on this server; check the id and the server URL's API path";
    case 422:
      return "the server could not verify the access token; log in again";
    default:
      if (status >= 500) {
        return "the server failed; vantage6 answers 500 when a public_key value is not valid base64, see the "
               "server log";
      }
      return "vantage6 does not answer this way";
  }
}

std::string truncated(std::string text) {
  if (text.size() > kMaxQuotedLength) text = text.substr(0, kMaxQuotedLength) + "...";
  return text;
}

std::optional<std::string> string_member(const SecureJson& body, std::string_view name) {
  const auto member = body.find(name);
  if (member == body.end() || !member->is_string()) return std::nullopt;
  const auto& text = member->get_ref<const SecureString&>();
  return truncated(std::string(text.begin(), text.end()));
}

// The "errors" detail of a vantage6 400, e.g. {"public_key": ["Not a valid string."]}.
std::string field_errors(const SecureBytes& body) {
  const auto parsed = SecureJson::parse(body.begin(), body.end(), nullptr, false);
  if (!parsed.is_object() || !parsed.contains("errors")) return {};
  const auto dumped = parsed["errors"].dump();
  return " " + truncated(std::string(dumped.begin(), dumped.end()));
}

}  // namespace

std::optional<std::string> server_message(const SecureBytes& body) {
  const auto parsed = SecureJson::parse(body.begin(), body.end(), nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  for (const auto* name : {"msg", "error_description", "error"}) {
    if (auto text = string_member(parsed, name)) return text;
  }
  return std::nullopt;
}

bool is_expired_token(const HttpResponse& response) {
  return response.status == 401 && server_message(response.body) == "Token has expired";
}

void throw_for_status(const HttpResponse& response, const HttpRequest& request, std::string_view action) {
  const auto quoted = server_message(response.body);
  std::string message = std::string(action) + " failed: " + request.describe() + " answered HTTP " +
                        std::to_string(response.status);
  if (quoted) message += " \"" + *quoted + "\"";
  if (response.status == 400) message += field_errors(response.body);
  message += "; " + hint_for(response.status);
  throw ServerError(message, response.status, quoted.value_or(""));
}

}  // namespace v6hsm::publish
