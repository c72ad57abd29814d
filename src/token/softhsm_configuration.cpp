#include "token/softhsm_configuration.hpp"

#include <cstdlib>
#include <fstream>
#include <string_view>

namespace v6hsm::token {
namespace {

constexpr const char* kDefaultConfiguration = "/etc/softhsm/softhsm2.conf";
constexpr std::string_view kTokenDirectoryKey = "directories.tokendir";

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<std::string> token_directory_of(const std::filesystem::path& configuration) {
  std::ifstream file(configuration);
  std::string line;
  while (std::getline(file, line)) {
    const std::string_view content = std::string_view(line).substr(0, line.find('#'));
    const auto equals = content.find('=');
    if (equals != std::string_view::npos && trim(content.substr(0, equals)) == kTokenDirectoryKey) {
      return trim(content.substr(equals + 1));
    }
  }
  return std::nullopt;
}

}  // namespace

bool looks_like_softhsm(const std::filesystem::path& module_path) {
  return module_path.filename().string().find("softhsm") != std::string::npos;
}

std::optional<std::string> diagnose_softhsm_configuration() {
  const char* configured = std::getenv("SOFTHSM2_CONF");
  const std::filesystem::path configuration = configured != nullptr ? configured : kDefaultConfiguration;
  const std::string origin = configured != nullptr ? "SOFTHSM2_CONF points to " : "the default ";
  std::error_code error;
  if (!std::filesystem::is_regular_file(configuration, error)) {
    return "SoftHSM2 cannot start: " + origin + "configuration file " + configuration.string() +
           ", which does not exist; create it (with a directories.tokendir line) or set SOFTHSM2_CONF";
  }
  const auto token_directory = token_directory_of(configuration);
  if (!token_directory) {
    return "SoftHSM2 cannot start: " + configuration.string() + " has no directories.tokendir setting";
  }
  if (!std::filesystem::is_directory(*token_directory, error)) {
    return "SoftHSM2 cannot start: the token directory " + *token_directory + " named in " +
           configuration.string() + " does not exist; create it or fix directories.tokendir";
  }
  return std::nullopt;
}

}  // namespace v6hsm::token
