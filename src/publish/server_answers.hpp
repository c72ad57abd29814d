// The parsers of the server's success answers, kept apart from the HTTP calls that fetch them so that
// they can be fuzzed: everything here reads bytes a (possibly hostile) server chose, and may only throw
// ServerError.
#pragma once

#include <string>
#include <string_view>

#include "publish/authenticator.hpp"
#include "publish/secure_json.hpp"
#include "v6hsm/publish/vantage6_client.hpp"

namespace v6hsm::publish {

// A 4.x login or refresh answer {"access_token", "refresh_token"}; `what` names the request.
SessionTokens read_token_pair(const SecureBytes& body, std::string_view what);

// A 200 answer to POST /token/user: throws a ServerError that explains MFA set-up, a missing MFA code or
// an answer without a token; returns when the answer holds an access token.
void check_user_login_answer(const SecureBytes& body, const std::string& username);

// The integer organization.id of a node or user resource.
int organization_id_of(const SecureJson& identity, std::string_view what);

// The "public_key" of an organization resource, decoded; an unusable key is kept as bytes without a key.
OrganizationKey read_organization_key(int organization_id, const SecureJson& organization, std::string_view what);

// The "version" string of GET /version.
std::string read_server_version(const SecureBytes& body, std::string_view what);

}  // namespace v6hsm::publish
