#include "publish/secure_json.hpp"
#include "publish/server_answers.hpp"
#include "publish/v4_authenticator.hpp"

namespace v6hsm::publish {
namespace {

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
    check_user_login_answer(response.body, credentials_.username);
  }

  UserCredentials credentials_;
};

}  // namespace

std::unique_ptr<Authenticator> make_user_authenticator(const ServerUrl& url, UserCredentials credentials) {
  return std::make_unique<UserAuthenticator>(url, std::move(credentials));
}

}  // namespace v6hsm::publish
