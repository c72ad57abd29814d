// Where option values come from when the command line does not give them. Precedence:
//   1. the command line;
//   2. the environment: V6HSM_<OPTION> (upper case, '-' -> '_'), e.g. V6HSM_PIN_SOURCE=env:PIN;
//   3. the settings file: --config FILE, else $V6HSM_CONFIG, else ~/.config/v6hsm/config when it exists,
//      with lines `option-name = value` (`#` starts a comment; [section] headers are allowed and ignored).
// The flags that can destroy or replace keys (--yes, --overwrite, --replace) count only on the command
// line: a stale environment or settings file must never delete a key.
#pragma once

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace v6hsm::cli {

using Settings = std::map<std::string, std::string>;

// The settings file to read ("" when there is none): `explicit_path` > $V6HSM_CONFIG > default location.
std::string settings_file_path(const std::string& explicit_path);

// Throws InputError for an unreadable file or a malformed line (naming the line number).
Settings read_settings_file(const std::string& path);

// Fills every option of `app` and of the subcommands that were used, which the command line left empty.
void apply_fallbacks(CLI::App& app, const Settings& settings);

}  // namespace v6hsm::cli
