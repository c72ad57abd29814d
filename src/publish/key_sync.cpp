#include "v6hsm/publish/key_sync.hpp"

#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

std::string fingerprint_of(const OrganizationKey& published) {
  if (published.key) return published.key->fingerprint();
  return "unreadable (" + std::to_string(published.pem.size()) + " bytes that are not an RSA public key PEM)";
}

// PATCHes our key, then reads it back: the node's own check never looks at the answer, we do.
void publish_and_confirm(Vantage6Client& client, const PublicKey& ours) {
  const int organization = client.organization_id();
  const auto api_string = ours.api_string();
  client.set_public_key(organization, api_string);
  const auto now = client.organization_key(organization);
  if (now.pem != to_bytes(ours.spki_pem())) {
    throw ServerError("after publishing, organization " + std::to_string(organization) +
                      " on the server holds different bytes than the key we sent (" + fingerprint_of(now) +
                      " instead of " + ours.fingerprint() + "); another node or admin may be publishing a different "
                      "key at the same time");
  }
}

std::string refusal(const SyncReport& report) {
  return "The server holds a different public key for organization " + std::to_string(report.organization_id) +
         " (server: " + report.server_fingerprint.value_or("") + ", ours: " + report.our_fingerprint +
         "). Nothing was changed. Replacing it makes data already encrypted for the server's key readable only "
         "by whoever holds that key's private half, and new data readable only with ours. Replace it only if that "
         "is intended, with the explicit replace flag.";
}

}  // namespace

std::string_view to_string(SyncOutcome outcome) noexcept {
  switch (outcome) {
    case SyncOutcome::published:
      return "published";
    case SyncOutcome::already_current:
      return "already current";
    case SyncOutcome::refused_different:
      return "refused: different key on the server";
    case SyncOutcome::replaced:
      return "replaced";
    case SyncOutcome::absent:
      return "not published";
  }
  return "unknown";
}

std::string_view outcome_identifier(SyncOutcome outcome) noexcept {
  switch (outcome) {
    case SyncOutcome::published:
      return "published";
    case SyncOutcome::already_current:
      return "already_current";
    case SyncOutcome::refused_different:
      return "refused_different";
    case SyncOutcome::replaced:
      return "replaced";
    case SyncOutcome::absent:
      return "absent";
  }
  return "absent";
}

SyncReport sync_public_key(Vantage6Client& client, const PublicKey& ours, SyncPolicy policy) {
  const int organization = client.organization_id();
  const auto published = client.organization_key(organization);
  SyncReport report{SyncOutcome::already_current, organization, ours.fingerprint(), std::nullopt, {}};
  const auto id = std::to_string(organization);
  if (!published.published()) {
    if (policy == SyncPolicy::check_only) {
      report.outcome = SyncOutcome::absent;
      report.explanation = "Organization " + id + " has no public key on the server; nothing was changed.";
      return report;
    }
    publish_and_confirm(client, ours);
    report.outcome = SyncOutcome::published;
    report.explanation = "Organization " + id + " had no public key; ours (" + report.our_fingerprint +
                         ") is now published and was read back unchanged.";
    return report;
  }
  report.server_fingerprint = fingerprint_of(published);
  if (published.pem == to_bytes(ours.spki_pem())) {
    report.explanation = "The server already holds exactly our public key (" + report.our_fingerprint +
                         ") for organization " + id + "; nothing to do.";
    return report;
  }
  if (policy != SyncPolicy::replace_if_different) {
    report.outcome = SyncOutcome::refused_different;
    report.explanation = refusal(report);
    return report;
  }
  publish_and_confirm(client, ours);
  report.outcome = SyncOutcome::replaced;
  report.explanation = "Replaced the public key of organization " + id + " (was " + *report.server_fingerprint +
                       ", now " + report.our_fingerprint + ", read back unchanged). Data encrypted for the old key "
                       "can only be read with the old private key.";
  return report;
}

}  // namespace v6hsm::publish
