// doctor: checks the module, the token, its mechanisms, the key and its recovery strategy, and optionally
// the server (reachable, login, our key published), with a concrete fix for each problem found.
#include <functional>

#include "cli.hpp"
#include "json_views.hpp"
#include "server_access.hpp"
#include "token_access.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/publish/key_sync.hpp"
#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/key_store.hpp"

namespace v6hsm::cli {
namespace {

struct Check {
  std::string name;
  bool ok = false;
  std::string detail;
  std::string fix;
  int failure_code = kOk;
};

struct DoctorOptions {
  KeyOptions key;
  ServerCliOptions server;
};

class Doctor {
 public:
  Doctor(Context& context, const DoctorOptions& options) : context_(context), options_(options), access_(context) {}

  int run() {
    const bool token_ok = check("module", kTokenFailure, "set --module PATH or V6HSM_MODULE to your PKCS#11 library",
                                [&] { return access_.module().path().string() + " loaded"; }) &&
                          check("token", kTokenFailure, "pick one with --token LABEL or --uri; see 'v6hsm token list'",
                                [&] { return access_.token().description(); }) &&
                          check("login", kTokenFailure, "give the user PIN with --pin-source env:NAME|file:PATH",
                                [&] {
                                  access_.logged_in_token();
                                  return std::string("logged in");
                                });
    std::optional<PublicKey> our_key;
    if (token_ok) our_key = check_key();
    if (options_.server.given()) check_server(our_key);
    return report();
  }

 private:
  bool check(const std::string& name, int failure_code, const std::string& fix, const std::function<std::string()>& probe) {
    try {
      checks_.push_back({name, true, probe(), "", kOk});
      return true;
    } catch (const std::exception& error) {
      checks_.push_back({name, false, error.what(), fix, failure_code});
      return false;
    }
  }

  std::optional<PublicKey> check_key() {
    const auto report = token::build_capability_report(access_.logged_in_token(), access_.key_ref(options_.key));
    std::string mechanisms;
    for (const auto& mechanism : report.mechanisms) {
      if (mechanism.supported) mechanisms += (mechanisms.empty() ? "" : ", ") + mechanism.name;
    }
    checks_.push_back({"mechanisms", !mechanisms.empty(), mechanisms, "the token offers none of the RSA mechanisms", kTokenFailure});
    if (!report.key) {
      const std::string why = report.problems.empty() ? "key not found" : report.problems.front();
      checks_.push_back({"key", false, why, "create one with 'v6hsm key create' or import one with 'v6hsm key import'",
                         kNotFound});
      return std::nullopt;
    }
    const auto warnings = token::attribute_warnings(report.key->attributes);
    checks_.push_back({"key", warnings.empty(),
                       "'" + report.key->label + "' " + std::to_string(report.key->bits()) + " bits, " +
                           report.key->public_key.fingerprint() + (warnings.empty() ? "" : "; " + warnings.front()),
                       "generate a new key with 'v6hsm key create --overwrite' (it is created sensitive and "
                       "non-extractable) and publish it",
                       kTokenFailure});
    checks_.push_back({"strategy", report.strategy.has_value(),
                       report.strategy ? std::string(token::strategy_name(*report.strategy)) :
                                         (report.problems.empty() ? "none" : report.problems.back()),
                       "the key needs CKA_DECRYPT or CKA_UNWRAP and the token CKM_RSA_PKCS with decrypt or unwrap",
                       kTokenFailure});
    return report.key->public_key;
  }

  void check_server(const std::optional<PublicKey>& our_key) {
    std::optional<publish::Vantage6Client> client;
    const bool reachable = check("server", kServerFailure, "check --server (scheme, host, port, API path), --ca-bundle and the network", [&] {
      return "vantage6 " + publish::fetch_server_version(resolve_server_options(options_.server, context_.console));
    });
    if (!reachable) return;
    const bool logged_in = check("server login", kServerFailure, "check the credentials given with --api-key-source or --user/--password-source", [&] {
      client.emplace(connect_to_server(options_.server, context_.console));
      return "organization " + std::to_string(client->organization_id());
    });
    if (!logged_in || !our_key) return;
    const auto sync = publish::sync_public_key(*client, *our_key, publish::SyncPolicy::check_only);
    checks_.push_back({"published key", sync.outcome == publish::SyncOutcome::already_current, sync.explanation,
                       "run 'v6hsm key publish' (add --replace only if the server's key is no longer used)",
                       kServerFailure});
  }

  int report() const {
    int code = kOk;
    Json list = Json::array();
    for (const auto& item : checks_) {
      if (!item.ok && code == kOk) code = item.failure_code;
      list.push_back({{"check", item.name}, {"ok", item.ok}, {"detail", item.detail}, {"fix", item.ok ? "" : item.fix}});
    }
    if (context_.console.json()) {
      context_.console.print_json({{"ok", code == kOk}, {"checks", list}});
      return code;
    }
    std::string text;
    for (const auto& item : checks_) {
      text += std::string(item.ok ? "[ ok ] " : "[FAIL] ") + item.name + ": " + item.detail + "\n";
      if (!item.ok) text += "       fix: " + item.fix + "\n";
    }
    context_.console.data(text);
    return code;
  }

  Context& context_;
  const DoctorOptions& options_;
  TokenAccess access_;
  std::vector<Check> checks_;
};

}  // namespace

void add_doctor_command(CLI::App& app, Context& context, Commands& commands) {
  auto options = std::make_shared<DoctorOptions>();
  auto* command = app.add_subcommand("doctor", "Check module, token, key and (optionally) server, with fixes");
  add_key_options(*command, options->key);
  add_server_options(*command, options->server);
  command->footer(
      "Exit code 0 when every check passes, otherwise the code of the first failure (2 token, 3 server, 5 key).\n"
      "Examples:\n  v6hsm --token org --pin-source env:PIN doctor\n"
      "  v6hsm --token org --pin-source env:PIN doctor --server https://v6.example.org --api-key-source env:V6_API_KEY");
  commands.push_back({command, [&context, options] { return Doctor(context, *options).run(); }});
}

}  // namespace v6hsm::cli
