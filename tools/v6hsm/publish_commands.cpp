// key publish | key verify: the vantage6 node start-up check of the organization's public key.
#include "cli.hpp"
#include "server_access.hpp"
#include "token_access.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "v6hsm/publish/report_json.hpp"
#include "v6hsm/token/key_store.hpp"

namespace v6hsm::cli {
namespace {

struct PublishOptions {
  KeyOptions key;
  ServerCliOptions server;
  bool replace = false;
};

int exit_code_for(publish::SyncOutcome outcome) {
  switch (outcome) {
    case publish::SyncOutcome::published:
    case publish::SyncOutcome::already_current:
    case publish::SyncOutcome::replaced: return kOk;
    case publish::SyncOutcome::refused_different:
    case publish::SyncOutcome::absent: return kServerFailure;
  }
  return kServerFailure;
}

int sync_key(Context& context, const PublishOptions& options, publish::SyncPolicy policy) {
  TokenAccess access(context);
  const auto key = token::find_key(access.logged_in_token(), access.key_ref(options.key));
  auto client = connect_to_server(options.server, context.console);
  const auto report = publish::sync_public_key(client, key.public_key, policy);
  if (context.console.json()) {
    context.console.print_json(publish::to_json(report));
  } else {
    if (exit_code_for(report.outcome) == kOk) {
      context.console.info(report.explanation);
    } else {
      context.console.warn(report.explanation);
      if (report.outcome == publish::SyncOutcome::refused_different) {
        context.console.warn("to replace the server's key with ours, run 'v6hsm key publish' again with --replace");
      }
    }
    context.console.info("ours:   " + report.our_fingerprint);
    if (report.server_fingerprint) context.console.info("server: " + *report.server_fingerprint);
  }
  return exit_code_for(report.outcome);
}

}  // namespace

void add_publish_commands(CLI::App& key_app, Context& context, Commands& commands) {
  auto publish_options = std::make_shared<PublishOptions>();
  auto* publish = key_app.add_subcommand("publish", "Publish the token key's public key for our organization");
  add_key_options(*publish, publish_options->key);
  add_server_options(*publish, publish_options->server);
  publish->add_flag("--replace", publish_options->replace,
                    "Replace a different key on the server (data encrypted for it becomes unreadable for us)");
  publish->footer(
      "Publishes when the server has no key, does nothing when it already has ours, and refuses to replace a\n"
      "different key unless --replace is given (exit code 3).\n"
      "Example:\n  v6hsm --token org --pin-source env:PIN key publish --server https://v6.example.org "
      "--api-key-source file:/etc/v6/api-key");
  commands.push_back({publish, [&context, publish_options] {
                        return sync_key(context, *publish_options,
                                        publish_options->replace ? publish::SyncPolicy::replace_if_different
                                                                 : publish::SyncPolicy::publish_if_absent);
                      }});

  auto verify_options = std::make_shared<PublishOptions>();
  auto* verify = key_app.add_subcommand("verify", "Check that the server holds exactly our public key");
  add_key_options(*verify, verify_options->key);
  add_server_options(*verify, verify_options->server);
  verify->footer(
      "Exit code 0 when the server holds our key, 3 when it holds none or another one.\n"
      "Example:\n  v6hsm --token org --pin-source env:PIN key verify --server https://v6.example.org "
      "--api-key-source env:V6_API_KEY");
  commands.push_back({verify, [&context, verify_options] {
                        return sync_key(context, *verify_options, publish::SyncPolicy::check_only);
                      }});
}

}  // namespace v6hsm::cli
