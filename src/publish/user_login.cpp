#include "publish/response_error.hpp"
#include "publish/secure_json.hpp"
#include "publish/v4_authenticator.hpp"
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

// vantage6 4.x: POST /token/user {"username", "password", "mfa_code"}; the token's "sub" is the user id.
class UserAuthenticator final : public V4Authenticator {
 public:
  UserAuthenticator(const ServerUrl& url, UserCredentials credentials)
      : V4Authenticator(url, "/token/user", "/user"), credentials_(std::move(credentials)) {}

 private:
  SecureBytes login_body() const override {
    const auto password = as_chars(credentials_.password);
    if (!credentials_.mfa_code) return json_string_object({{"username", credentials_.username}, {"password", password}});
    return json_string_object(
        {{"username", credentials_.username}, {"password", password}, {"mfa_code", as_chars(*credentials_.mfa_code)}});
  }

  std::string login_action() const override { return "logging in as user '" + credentials_.username + "'"; }

  void check_login_answer(const HttpResponse& response) const override {
    const auto answer = parse_json_body(response.body, "POST /token/user");
    if (!answer.is_object() || !answer.contains("access_token")) {
      reject_tokenless_answer(answer, response.body, credentials_.username);
    }
  }

  UserCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_user_authenticator(const ServerUrl& url, UserCredentials credentials) {
  return std::make_unique<UserAuthenticator>(url, std::move(credentials));
}

}  // namespace v6hsm::publish
