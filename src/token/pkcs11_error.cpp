#include "v6hsm/token/pkcs11_error.hpp"

#include <cstdio>

#include "token/pkcs11.hpp"
#include "v6hsm/token/return_codes.hpp"

namespace v6hsm::token {
namespace {

bool means_not_found(unsigned long code) noexcept {
  return code == CKR_SLOT_ID_INVALID || code == CKR_TOKEN_NOT_PRESENT || code == CKR_OBJECT_HANDLE_INVALID ||
         code == CKR_KEY_HANDLE_INVALID;
}

std::string compose_message(std::string_view function, unsigned long code, std::string_view operation) {
  char number[24];
  std::snprintf(number, sizeof number, "0x%08lX", code);
  std::string message = std::string(operation) + ": " + std::string(function) + " failed with " +
                        return_code_name(code) + " (" + number + ")";
  if (const auto hint = return_code_hint(code); !hint.empty()) {
    message += ": ";
    message += hint;
  }
  return message;
}

}  // namespace

Pkcs11Error::Pkcs11Error(std::string_view function, unsigned long code, std::string_view operation)
    : Error(means_not_found(code) ? ErrorKind::not_found : ErrorKind::token,
            compose_message(function, code, operation)),
      function_(function),
      code_(code) {}

}  // namespace v6hsm::token
