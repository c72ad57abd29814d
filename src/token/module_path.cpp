#include <cstdlib>

#include "v6hsm/error.hpp"
#include "v6hsm/token/module.hpp"

namespace v6hsm::token {
namespace {

struct ChosenPath {
  std::filesystem::path path;
  std::string origin;
};

ChosenPath choose_module_path(const std::optional<std::filesystem::path>& explicit_path) {
  if (explicit_path && !explicit_path->empty()) {
    return {*explicit_path, "the module path given"};
  }
  if (const char* from_environment = std::getenv(kModuleEnvironmentVariable);
      from_environment != nullptr && *from_environment != '\0') {
    return {from_environment, std::string("$") + kModuleEnvironmentVariable};
  }
  return {V6HSM_DEFAULT_MODULE, "the default SoftHSM2 module"};
}

}  // namespace

std::filesystem::path resolve_module_path(const std::optional<std::filesystem::path>& explicit_path) {
  const ChosenPath chosen = choose_module_path(explicit_path);
  std::error_code error;
  if (!std::filesystem::is_regular_file(chosen.path, error)) {
    throw InputError("PKCS#11 module not found: " + chosen.origin + " is " + chosen.path.string() +
                     ", which is not a file; install the module (e.g. the softhsm2 package) or name the "
                     "right one with --module or $" + kModuleEnvironmentVariable);
  }
  return chosen.path;
}

}  // namespace v6hsm::token
