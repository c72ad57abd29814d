// What the 4.x node and user logins share: POST credentials as JSON, receive an access/refresh token pair,
// renew through POST /token/refresh, and find the identity from the token's integer "sub".
#pragma once

#include <string>

#include "publish/authenticator.hpp"

namespace v6hsm::publish {

class V4Authenticator : public Authenticator {
 public:
  SessionTokens login(HttpTransport& transport) final;
  SessionTokens renew(HttpTransport& transport, const SessionTokens& current) final;
  std::string identity_resource(const SessionTokens& tokens) const final;

 protected:
  // login_resource: "/token/node"; identity_collection: "/node" (the id from "sub" is appended).
  V4Authenticator(const ServerUrl& url, std::string login_resource, std::string identity_collection)
      : url_(url), login_resource_(std::move(login_resource)), identity_collection_(std::move(identity_collection)) {}

  virtual SecureBytes login_body() const = 0;
  virtual std::string login_action() const = 0;  // "logging in as user 'alice'"
  // Called with a 200 answer before the tokens are read, for logins that may succeed without a token.
  virtual void check_login_answer(const HttpResponse& /*response*/) const {}

 private:
  ServerUrl url_;
  std::string login_resource_;
  std::string identity_collection_;
};

}  // namespace v6hsm::publish
