// Every parser of what a vantage6 server (or Keycloak, or whatever sits at the URL) answers: login and
// refresh answers, the user login's MFA answers, node/user identities, organization bodies with their
// public key, the version, and error bodies with "msg". The input is a response body, and its first byte
// picks the HTTP status for the error path. Only ServerError may escape, and no error message may quote
// the tokens of the answer it rejects.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"
#include "publish/server_answers.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::fuzz {
namespace {

using publish::SecureJson;
using publish::ServerError;

constexpr std::array<long, 12> kStatuses = {0, 201, 301, 400, 401, 403, 404, 422, 500, 502, 503, 599};

// The token strings of the answer, which must never show up in an error message.
struct Secrets {
  std::string access;
  std::string refresh;

  bool quoted_in(std::string_view message) const {
    const auto quotes = [&](const std::string& secret) {
      return secret.size() >= 6 && message.find(secret) != std::string_view::npos;
    };
    return quotes(access) || quotes(refresh);
  }
};

std::string string_member(const SecureJson& json, std::string_view name) {
  const auto member = json.is_object() ? json.find(name) : json.end();
  if (member == json.end() || !member->is_string()) return {};
  const auto& text = member->get_ref<const publish::SecureString&>();
  return {text.begin(), text.end()};
}

// Runs one parser: it may succeed or throw ServerError whose message keeps the tokens to itself.
template <class Parse>
bool parses(const Secrets& secrets, Parse parse) {
  try {
    parse();
    return true;
  } catch (const ServerError& error) {
    check(!secrets.quoted_in(error.what()), "an error about a server answer does not quote its tokens");
    return false;
  }
}

void check_login_answers(const SecureBytes& body, const Secrets& secrets) {
  parses(secrets, [&] {
    const auto tokens = publish::read_token_pair(body, "POST /api/token/node");
    check(!tokens.access.empty() && !tokens.refresh.empty(), "an accepted token pair has both tokens");
  });
  parses(secrets, [&] {
    const auto answer = publish::parse_json_body(body, "POST /realms/r/protocol/openid-connect/token");
    check(!publish::required_secret_member(answer, "access_token", "keycloak").empty(), "the grant has a token");
  });
  try {
    publish::check_user_login_answer(body, "alice");
    check(body.size() > 0, "an accepted user login answer is not empty");
  } catch (const ServerError& error) {
    // MFA answers and tokenless answers are refusals of a 200; a body that is no JSON is not an answer
    check(error.http_status() == 200 || error.http_status() == 0, "a refused login answer keeps its status");
  }
}

void check_resource_answers(const SecureBytes& body, const Secrets& secrets) {
  SecureJson json;
  if (!parses(secrets, [&] { json = publish::parse_json_body(body, "GET /api/node/3"); })) return;
  parses(secrets, [&] {
    const int id = publish::organization_id_of(json, "GET /api/node/3");
    check(json["organization"]["id"].get<std::int64_t>() == id, "the organization id is the JSON's, not truncated");
  });
  parses(secrets, [&] {
    const auto key = publish::read_organization_key(7, json, "GET /api/organization/7");
    check(key.organization_id == 7, "the key belongs to the organization asked for");
    check(key.published() == !key.api_string.empty(), "a key is published exactly when the value is not empty");
    if (key.published()) check(base64_encode(key.pem) == key.api_string, "a published value is canonical base64");
    if (key.key) check(key.published(), "a usable key was published");
  });
  parses(secrets, [&] { publish::read_server_version(body, "GET /api/version"); });
}

void check_error_answer(const SecureBytes& body, long status) {
  const auto message = publish::server_message(body);
  if (message) check(message->size() <= 303, "a quoted server message is truncated to 300 characters and '...'");
  const publish::HttpResponse response{status, body};
  if (publish::is_expired_token(response)) check(status == 401, "only a 401 means an expired token");
  const publish::HttpRequest request{"GET", "http://127.0.0.1:1/api/organization/7", nullptr, {}, {}};
  try {
    publish::throw_for_status(response, request, "reading the public key of organization 7");
  } catch (const ServerError& error) {
    check(error.http_status() == status, "the error keeps the HTTP status");
    check(error.server_message() == message.value_or(""), "the error keeps the server's message");
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace v6hsm;
  if (size == 0) return 0;
  const long status = fuzz::kStatuses[data[0] % fuzz::kStatuses.size()];
  const SecureBytes body(data + 1, data + size);
  const auto json = publish::SecureJson::parse(body.begin(), body.end(), nullptr, false);
  const fuzz::Secrets secrets{fuzz::string_member(json, "access_token"), fuzz::string_member(json, "refresh_token")};
  fuzz::check_login_answers(body, secrets);
  fuzz::check_resource_answers(body, secrets);
  fuzz::check_error_answer(body, status);
  return 0;
}
