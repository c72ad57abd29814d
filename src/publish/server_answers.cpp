#include "publish/server_answers.hpp"

#include <limits>

#include "publish/response_error.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

// vantage6 answers 200 without a token while MFA is being set up or when the code is missing, so a 200
// alone does not mean we are logged in.
[[noreturn]] void reject_tokenless_answer(const SecureJson& answer, const SecureBytes& body, const std::string& username) {
  if (answer.is_object() && (answer.contains("otp_secret") || answer.contains("qr_uri"))) {
    throw ServerError("user '" + username +
                          "' must set up two-factor authentication before logging in here: log in once in the "
                          "vantage6 UI and scan the QR code, then pass the current code as the MFA code secret",
                      200);
  }
  const auto quoted = server_message(body).value_or("");
  if (quoted.find("two-factor") != std::string::npos) {
    throw ServerError("user '" + username + "' has two-factor authentication on and the server asks for the code (\"" +
                          quoted + "\"); pass the current code as the MFA code secret",
                      200, quoted);
  }
  throw ServerError("logging in as user '" + username + "' gave no access token" +
                        (quoted.empty() ? std::string() : " (\"" + quoted + "\")") +
                        "; the server does not behave like vantage6 4.x",
                    200, quoted);
}

}  // namespace

SessionTokens read_token_pair(const SecureBytes& body, std::string_view what) {
  const auto answer = parse_json_body(body, what);
  return {required_secret_member(answer, "access_token", what), required_secret_member(answer, "refresh_token", what)};
}

void check_user_login_answer(const SecureBytes& body, const std::string& username) {
  const auto answer = parse_json_body(body, "POST /token/user");
  if (!answer.is_object() || !answer.contains("access_token")) reject_tokenless_answer(answer, body, username);
}

int organization_id_of(const SecureJson& identity, std::string_view what) {
  const auto organization = identity.is_object() ? identity.find("organization") : identity.end();
  const bool has_id = organization != identity.end() && organization->is_object() && organization->contains("id") &&
                      (*organization)["id"].is_number_integer();
  if (!has_id) {
    throw ServerError("the answer to " + std::string(what) +
                      " has no integer organization.id; the server does not behave like vantage6");
  }
  const auto value = (*organization)["id"].get<std::int64_t>();
  // A larger number would wrap around into some other organization's id.
  if (value <= 0 || value > std::numeric_limits<int>::max()) {
    throw ServerError("the answer to " + std::string(what) + " has an organization.id out of range (" +
                      std::to_string(value) + "); the server does not behave like vantage6");
  }
  return static_cast<int>(value);
}

OrganizationKey read_organization_key(int organization_id, const SecureJson& organization, std::string_view what) {
  const auto member = organization.is_object() ? organization.find("public_key") : organization.end();
  if (member == organization.end() || !member->is_string()) {
    throw ServerError("the answer to " + std::string(what) + " has no \"public_key\" string");
  }
  const auto& value = member->get_ref<const SecureString&>();
  OrganizationKey key{organization_id, std::string(value.begin(), value.end()), {}, std::nullopt};
  if (key.api_string.empty()) return key;
  auto decoded = try_base64_decode(key.api_string);
  if (!decoded) {
    throw ServerError("the public_key of organization " + std::to_string(organization_id) +
                      " on the server is not canonical base64; vantage6 itself always re-encodes it");
  }
  key.pem = std::move(*decoded);
  try {
    key.key = PublicKey::from_pem(as_chars(key.pem));
  } catch (const Error&) {
    key.key = std::nullopt;  // published but unusable: require_key() explains, sync compares bytes
  }
  return key;
}

std::string read_server_version(const SecureBytes& body, std::string_view what) {
  const auto answer = parse_json_body(body, what);
  const auto version = answer.is_object() ? answer.find("version") : answer.end();
  if (version == answer.end() || !version->is_string()) {
    throw ServerError("the answer to " + std::string(what) + " has no \"version\" string; is this a vantage6 server?");
  }
  const auto& text = version->get_ref<const SecureString&>();
  return {text.begin(), text.end()};
}

}  // namespace v6hsm::publish
