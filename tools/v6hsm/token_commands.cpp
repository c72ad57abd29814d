// token list | token info | token init
#include "cli.hpp"
#include "token_access.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/secret_source.hpp"
#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/report_json.hpp"

namespace v6hsm::cli {
namespace {

std::string token_state(const token::TokenInfo& token) {
  if (!token.initialized()) return "not initialized";
  if (token.user_pin_locked()) return "user PIN locked";
  if (!token.user_pin_initialized()) return "no user PIN";
  return "ready";
}

int list_tokens(Context& context) {
  TokenAccess access(context);
  const auto tokens = access.module().tokens();
  if (context.console.json()) {
    context.console.print_json(token::token_list_json(access.module().path(), tokens));
    return kOk;
  }
  Table table({"SLOT", "LABEL", "SERIAL", "MANUFACTURER", "MODEL", "STATE"});
  for (const auto& token : tokens) {
    table.add_row({std::to_string(token.slot_id), token.label, token.serial, token.manufacturer, token.model,
                   token_state(token)});
  }
  context.console.data(table.render());
  return kOk;
}

void print_mechanisms(const Context& context, const std::vector<token::MechanismReport>& mechanisms) {
  Table table({"MECHANISM", "SUPPORTED", "KEY SIZES", "FLAGS"});
  for (const auto& mechanism : mechanisms) {
    std::string flags;
    for (const auto& flag : mechanism.flag_names) flags += (flags.empty() ? "" : ",") + flag;
    table.add_row({mechanism.name, yes_no(mechanism.supported),
                   std::to_string(mechanism.min_key_size) + "-" + std::to_string(mechanism.max_key_size), flags});
  }
  context.console.data(table.render());
}

int show_token_info(Context& context) {
  TokenAccess access(context);
  const auto report = token::build_capability_report(access.token());
  if (context.console.json()) {
    context.console.print_json(token::to_json(report));
    return kOk;
  }
  const auto& token = report.token;
  std::string text = "module        " + report.module.path.string() + " (" + report.module.manufacturer + " " +
                     report.module.library_version + ")\n";
  text += "token         " + token.label + " (slot " + std::to_string(token.slot_id) + ", serial " + token.serial + ")\n";
  text += "manufacturer  " + token.manufacturer + ", model " + token.model + "\n";
  text += "state         " + token_state(token) + "\n\n";
  context.console.data(text);
  print_mechanisms(context, report.mechanisms);
  for (const auto& problem : report.problems) context.console.warn(problem);
  return kOk;
}

struct InitOptions {
  std::string label;
  std::string so_pin_source;
  long slot = -1;
};

int init_token(Context& context, const InitOptions& options) {
  if (options.label.empty()) throw InputError("token init needs --label LABEL");
  if (options.so_pin_source.empty()) throw InputError("token init needs --so-pin-source env:NAME|file:PATH|prompt");
  if (context.global.pin_source.empty()) throw InputError("token init needs --pin-source for the new user PIN");
  TokenAccess access(context);
  const auto slot = options.slot >= 0 ? static_cast<unsigned long>(options.slot)
                                      : token::first_uninitialized_token(access.module()).slot_id;
  const SecureBytes so_pin = SecretSource::parse(options.so_pin_source).read("new SO PIN");
  const SecureBytes user_pin = SecretSource::parse(context.global.pin_source).read("new user PIN");
  context.console.info("initializing the token in slot " + std::to_string(slot) + " as '" + options.label + "'");
  token::initialize_token(access.module(), slot, so_pin, options.label);
  // SoftHSM2 moves a freshly initialized token to a new slot id, so find it again by its label.
  auto initialized = token::Token::open(access.shared_module(), token::TokenSelector::by_label(options.label));
  initialized.initialize_user_pin(so_pin, user_pin);
  const auto info = initialized.info();
  if (context.console.json()) {
    context.console.print_json(token::token_init_json(info));
  } else {
    context.console.info("token '" + info.label + "' is ready (slot " + std::to_string(info.slot_id) + ", serial " +
                         info.serial + ")");
  }
  return kOk;
}

}  // namespace

void add_token_commands(CLI::App& app, Context& context, Commands& commands) {
  auto* token = app.add_subcommand("token", "List, inspect and initialize PKCS#11 tokens");
  token->require_subcommand(1);

  auto* list = token->add_subcommand("list", "List the tokens of the module");
  list->footer("Example:\n  v6hsm token list\n  v6hsm --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so token list --json");
  commands.push_back({list, [&context] { return list_tokens(context); }});

  auto* info = token->add_subcommand("info", "Show a token's module, state and RSA/AES mechanisms");
  info->footer("Example:\n  v6hsm --token org token info");
  commands.push_back({info, [&context] { return show_token_info(context); }});

  auto options = std::make_shared<InitOptions>();
  auto* init = token->add_subcommand("init", "Initialize a free token (erases it) and set its user PIN");
  init->add_option("--label", options->label, "Label for the new token");
  init->add_option("--so-pin-source", options->so_pin_source, "New SO PIN: env:NAME | file:PATH | prompt");
  init->add_option("--slot", options->slot, "Slot to initialize (default: the first uninitialized token)");
  init->footer(
      "The new user PIN comes from the global --pin-source.\n"
      "Example:\n  v6hsm --pin-source env:USER_PIN token init --label org --so-pin-source env:SO_PIN");
  commands.push_back({init, [&context, options] { return init_token(context, *options); }});
}

}  // namespace v6hsm::cli
