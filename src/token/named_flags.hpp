// PKCS#11 constants with their names, for listing which bits of a CK_FLAGS value are set.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "token/pkcs11.hpp"

namespace v6hsm::token {

struct NamedConstant {
  CK_ULONG value;
  const char* name;
};

inline std::vector<std::string> names_of_set_flags(CK_FLAGS flags, std::span<const NamedConstant> table) {
  std::vector<std::string> names;
  for (const auto& [flag, name] : table) {
    if ((flags & flag) != 0) {
      names.emplace_back(name);
    }
  }
  return names;
}

}  // namespace v6hsm::token
