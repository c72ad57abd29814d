// v6hsm: the command-line tool. Parses the command line (and the environment and settings file behind
// it), runs one command through libv6hsm, and maps every error to a documented exit code.
#include <sys/prctl.h>
#include <sys/resource.h>

#include <iostream>

#include "cli.hpp"
#include "settings.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::cli {
namespace {

constexpr const char* kFooter = R"(Global options may be given before or after the command. Every option can also come from
the environment (V6HSM_<OPTION>, e.g. V6HSM_PIN_SOURCE) or a settings file (--config FILE, $V6HSM_CONFIG,
~/.config/v6hsm/config); the command line wins over the environment, which wins over the file.
Secrets are never option values: use env:NAME, file:PATH or prompt for --pin-source and the other *-source options.

Exit codes: 0 ok, 1 usage or input error, 2 token/PIN problem, 3 server problem, 4 decryption failed, 5 not found.

Examples:
  v6hsm token list
  v6hsm --token org --pin-source env:PIN key create
  v6hsm --token org --pin-source env:PIN key publish --server https://v6.example.org --api-key-source file:api-key
  v6hsm encrypt --to-key org-public.pem --in input.json --out payload.txt
  v6hsm --token org --pin-source env:PIN decrypt --in payload.txt)";

// Options that would carry a secret on the command line, and where the secret should come from instead.
struct SecretOptionHint {
  std::string_view option;
  std::string_view use_instead;
};
constexpr SecretOptionHint kSecretOptions[] = {
    {"--pin", "--pin-source env:NAME|file:PATH|prompt"},          {"--so-pin", "--so-pin-source env:NAME|file:PATH|prompt"},
    {"--api-key", "--api-key-source env:NAME|file:PATH|prompt"},  {"--password", "--password-source env:NAME|file:PATH|prompt"},
    {"--mfa", "--mfa-source env:NAME|file:PATH|prompt"},          {"--mfa-code", "--mfa-source env:NAME|file:PATH|prompt"},
};

// Checked before CLI11 parses anything, so a PIN typed as an option value is never echoed in a parse error.
void refuse_secret_options(int argc, char** argv) {
  for (int index = 1; index < argc; ++index) {
    const std::string_view argument(argv[index]);
    for (const auto& hint : kSecretOptions) {
      if (argument == hint.option || argument.starts_with(std::string(hint.option) + "=")) {
        throw InputError("there is no " + std::string(hint.option) +
                         " option: secrets never go on the command line, where other users and shell history see "
                         "them. Use " + std::string(hint.use_instead));
      }
    }
  }
}

void add_global_options(CLI::App& app, GlobalOptions& global) {
  app.add_option("--module", global.module, "PKCS#11 module (default: $V6HSM_MODULE, else SoftHSM2)")->group("Global");
  app.add_option("--token", global.token, "Token label")->group("Global");
  app.add_option("--uri", global.uri, "RFC 7512 URI, e.g. 'pkcs11:token=org;object=vantage6'")->group("Global");
  app.add_option("--pin-source", global.pin_source, "User PIN: env:NAME | file:PATH | prompt")->group("Global");
  app.add_flag("--json", global.json, "Machine-readable JSON output for listings and reports")->group("Global");
  app.add_flag("-v,--verbose", global.verbose, "More detail on stderr")->group("Global");
  app.add_flag("-q,--quiet", global.quiet, "Only errors and warnings on stderr")->group("Global");
  app.add_option("--config", global.config, "Settings file (option-name = value lines)")->group("Global");
}

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
    case ErrorKind::internal: return kUsage;
    case ErrorKind::token: return kTokenFailure;
    case ErrorKind::server: return kServerFailure;
    case ErrorKind::decryption: return kDecryptionFailed;
    case ErrorKind::not_found: return kNotFound;
  }
  return kUsage;
}

// Core dumps would hold PINs and shared secrets; this process never writes one.
void disable_core_dumps() {
  const rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  prctl(PR_SET_DUMPABLE, 0);
}

int run(int argc, char** argv) {
  Context context;
  CLI::App app("v6hsm: vantage6 end-to-end encryption with the organization key on a PKCS#11 token", "v6hsm");
  app.footer(kFooter);
  app.require_subcommand(1);
  app.fallthrough();
  add_global_options(app, context.global);
  Commands commands;
  add_token_commands(app, context, commands);
  add_key_commands(app, context, commands);
  add_encrypt_command(app, context, commands);
  add_decrypt_command(app, context, commands);
  add_doctor_command(app, context, commands);

  try {
    refuse_secret_options(argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kOk : kUsage;
  }
  apply_fallbacks(app, read_settings_file(settings_file_path(context.global.config)));
  context.console.configure(context.global.quiet, context.global.verbose, context.global.json);
  for (const auto& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  throw InputError("no command given; see v6hsm --help");
}

}  // namespace
}  // namespace v6hsm::cli

int main(int argc, char** argv) {
  using namespace v6hsm::cli;
  disable_core_dumps();
  try {
    return run(argc, argv);
  } catch (const v6hsm::Error& error) {
    std::cerr << "error: " << error.what() << '\n';
    return exit_code_for(error.kind());
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << '\n';
    return kUsage;
  }
}
