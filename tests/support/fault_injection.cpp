#include "support/fault_injection.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace v6hsm::testing {
namespace {

template <typename Function>
Function exported(void* library, const char* name) {
  auto* function = reinterpret_cast<Function>(dlsym(library, name));
  if (function == nullptr) {
    throw std::runtime_error(std::string("the fault module does not export ") + name);
  }
  return function;
}

}  // namespace

std::filesystem::path fault_module_path() { return V6HSM_FAULT_MODULE; }

FaultRules::FaultRules(const std::string& rules) : library_(dlopen(V6HSM_FAULT_MODULE, RTLD_NOW | RTLD_NOLOAD)) {
  if (library_ == nullptr) {
    throw std::runtime_error("the fault module is not loaded: load it with Module::load(fault_module_path())");
  }
  try {
    configure_ = exported<decltype(configure_)>(library_, "v6hsm_fault_configure");
    injected_ = exported<decltype(injected_)>(library_, "v6hsm_fault_injected");
    if (configure_(rules.c_str()) != 0) {
      throw std::runtime_error("the fault module refused the rules '" + rules + "'");
    }
  } catch (...) {
    dlclose(library_);
    throw;
  }
}

FaultRules::~FaultRules() {
  static_cast<void>(configure_(""));
  dlclose(library_);
}

unsigned long FaultRules::injected() const { return injected_(); }

}  // namespace v6hsm::testing
