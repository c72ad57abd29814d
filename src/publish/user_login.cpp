#include "publish/authenticator.hpp"
#include "publish/jwt_subject.hpp"
#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"
#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

// vantage6 answers 200 without a token while MFA is being set up or when the code is missing, so a 200
// alone does not mean we are logged in.
[[noreturn]] void reject_tokenless_answer(const SecureBytes& body, const std::string& username) {
  const auto answer = parse_json_body(body, "POST /token/user");
  if (answer.is_object() && (answer.contains("otp_secret") || answer.contains("qr_uri"))) {
    throw ServerError("user '" + username +
                      "' must set up two-factor authentication before logging in here: log in once in the "
                      "vantage6 UI and scan the QR code, then pass the current code as the MFA code secret");
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

// vantage6 4.x: POST /token/user {"username", "password", "mfa_code"}; the token's "sub" is the user id.
class UserAuthenticator final : public Authenticator {
 public:
  UserAuthenticator(const ServerUrl& url, UserCredentials credentials) : url_(url), credentials_(std::move(credentials)) {}

  SessionTokens login(HttpTransport& transport) override {
    const auto url = url_.endpoint("/token/user");
    const auto response = post_json(transport, url, login_body());
    if (response.status != 200) {
      throw_for_status(response, HttpRequest{"POST", url, nullptr, {}, {}},
                       "logging in as user '" + credentials_.username + "'");
    }
    const auto answer = parse_json_body(response.body, "POST " + url);
    if (!answer.is_object() || !answer.contains("access_token")) {
      reject_tokenless_answer(response.body, credentials_.username);
    }
    return read_token_pair(response, "POST " + url);
  }

  SessionTokens renew(HttpTransport& transport, const SessionTokens& current) override {
    return refresh_token_pair(transport, url_, current);
  }

  std::string identity_resource(const SessionTokens& tokens) const override {
    return "/user/" + std::to_string(jwt_integer_subject(tokens.access));
  }

 private:
  SecureBytes login_body() const {
    const auto password = as_chars(credentials_.password);
    if (!credentials_.mfa_code) return json_string_object({{"username", credentials_.username}, {"password", password}});
    return json_string_object(
        {{"username", credentials_.username}, {"password", password}, {"mfa_code", as_chars(*credentials_.mfa_code)}});
  }

  ServerUrl url_;
  UserCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_user_authenticator(const ServerUrl& url, UserCredentials credentials) {
  return std::make_unique<UserAuthenticator>(url, std::move(credentials));
}

}  // namespace v6hsm::publish
