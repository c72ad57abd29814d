// The vantage6 node start-up check of the organization's public key, made safe: a key on the server that
// differs from ours is only replaced when the caller explicitly asks for it, since data already
// encrypted for the old key stays readable only by whoever holds the old private key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/public_key.hpp"
#include "v6hsm/publish/vantage6_client.hpp"

namespace v6hsm::publish {

enum class SyncPolicy {
  check_only,            // never PATCH; report what a sync would do
  publish_if_absent,     // publish when the server has no key; refuse to replace a different one
  replace_if_different,  // the stock node's behaviour: publish whenever the server's key differs
};

enum class SyncOutcome {
  published,          // the server had no key; ours is now published
  already_current,    // the server already holds exactly our key
  refused_different,  // the server holds another key and the policy forbids replacing it
  replaced,           // the server held another key; ours replaced it
  absent,             // check_only: the server has no key
};

struct SyncReport {
  SyncOutcome outcome;
  int organization_id = 0;
  std::string our_fingerprint;                    // PublicKey::fingerprint() of ours
  std::optional<std::string> server_fingerprint;  // of the server's key before the sync, if any
  std::string explanation;                        // one or more sentences for a human
};

std::string_view to_string(SyncOutcome outcome) noexcept;

// The stable identifier for programs (CLI --json, Python dicts): published, already_current,
// refused_different, replaced or absent. to_string() is the wording for people and may change.
std::string_view outcome_identifier(SyncOutcome outcome) noexcept;

// Compares our key with the one published for the client's organization and acts by policy. After any
// PATCH it reads the key back and throws ServerError unless the server holds exactly our bytes.
SyncReport sync_public_key(Vantage6Client& client, const PublicKey& ours, SyncPolicy policy);

}  // namespace v6hsm::publish
