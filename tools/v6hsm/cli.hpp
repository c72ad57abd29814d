// What every command of the v6hsm tool shares: the global options, the console, and the way commands
// are registered (each command family adds its subcommands and the function that runs each one).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "console.hpp"

namespace v6hsm::cli {

// Exit codes; documented in the README and in `v6hsm --help`.
enum ExitCode : int { kOk = 0, kUsage = 1, kTokenFailure = 2, kServerFailure = 3, kDecryptionFailed = 4, kNotFound = 5 };

struct GlobalOptions {
  std::string module;      // PKCS#11 module path
  std::string token;       // token label
  std::string uri;         // RFC 7512 pkcs11: URI
  std::string pin_source;  // env:NAME | file:PATH | prompt
  std::string config;      // settings file
  bool json = false;
  int verbose = 0;
  bool quiet = false;
};

struct Context {
  GlobalOptions global;
  Console console;
};

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

using Commands = std::vector<Command>;

void add_token_commands(CLI::App& app, Context& context, Commands& commands);
void add_key_commands(CLI::App& app, Context& context, Commands& commands);
void add_publish_commands(CLI::App& key_app, Context& context, Commands& commands);
void add_encrypt_command(CLI::App& app, Context& context, Commands& commands);
void add_decrypt_command(CLI::App& app, Context& context, Commands& commands);
void add_doctor_command(CLI::App& app, Context& context, Commands& commands);

}  // namespace v6hsm::cli
