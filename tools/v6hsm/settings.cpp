#include "settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "v6hsm/error.hpp"

namespace v6hsm::cli {
namespace {

const std::set<std::string> kCommandLineOnly = {"help", "config", "yes", "overwrite", "replace"};

std::string environment_name(const std::string& option_name) {
  std::string name = "V6HSM_";
  for (const char character : option_name) {
    name.push_back(character == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(character))));
  }
  return name;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::optional<std::string> fallback_value(const std::string& option_name, const Settings& settings) {
  if (const char* value = std::getenv(environment_name(option_name).c_str()); value != nullptr && *value != '\0') {
    return std::string(value);
  }
  if (const auto found = settings.find(option_name); found != settings.end()) return found->second;
  return std::nullopt;
}

void fill_options(CLI::App& app, const Settings& settings) {
  for (CLI::Option* option : app.get_options()) {
    if (option->count() > 0 || option->get_lnames().empty()) continue;
    const std::string& name = option->get_lnames().front();
    if (kCommandLineOnly.contains(name)) continue;
    if (const auto value = fallback_value(name, settings)) {
      option->add_result(*value);
      option->run_callback();
    }
  }
}

}  // namespace

std::string settings_file_path(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* from_environment = std::getenv("V6HSM_CONFIG"); from_environment != nullptr && *from_environment) {
    return from_environment;
  }
  const char* config_home = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base;
  if (config_home != nullptr && *config_home != '\0') {
    base = config_home;
  } else if (home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".config";
  } else {
    return "";
  }
  const auto candidate = base / "v6hsm" / "config";
  return std::filesystem::exists(candidate) ? candidate.string() : "";
}

Settings read_settings_file(const std::string& path) {
  Settings settings;
  if (path.empty()) return settings;
  std::ifstream file(path);
  if (!file) throw InputError("cannot read settings file '" + path + "'");
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty() || (content.front() == '[' && content.back() == ']')) continue;
    const auto equals = content.find('=');
    if (equals == std::string::npos || trim(content.substr(0, equals)).empty()) {
      throw InputError("settings file '" + path + "', line " + std::to_string(number) +
                       ": expected 'option-name = value'");
    }
    std::string name = trim(content.substr(0, equals));
    if (name.starts_with("--")) name.erase(0, 2);
    settings[name] = trim(content.substr(equals + 1));
  }
  return settings;
}

void apply_fallbacks(CLI::App& app, const Settings& settings) {
  fill_options(app, settings);
  for (CLI::App* subcommand : app.get_subcommands()) apply_fallbacks(*subcommand, settings);
}

}  // namespace v6hsm::cli
