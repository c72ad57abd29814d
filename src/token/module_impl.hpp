// The raw side of a Module, visible only inside src/token.
#pragma once

#include <filesystem>
#include <string_view>

#include "token/pkcs11.hpp"
#include "v6hsm/token/module.hpp"

namespace v6hsm::token {

struct Module::Impl {
  std::filesystem::path path;
  void* library = nullptr;  // dlopen handle
  CK_FUNCTION_LIST* functions = nullptr;
  bool owns_initialization = false;

  const CK_FUNCTION_LIST& api() const noexcept { return *functions; }
};

inline const CK_FUNCTION_LIST& api(const Module& module) noexcept { return module.impl().api(); }

// Throws Pkcs11Error unless `rv` is CKR_OK.
void check(CK_RV rv, std::string_view function, std::string_view operation);

}  // namespace v6hsm::token
