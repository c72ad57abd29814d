// The error a failed PKCS#11 call becomes: it names the function, the CKR_ code by name and number, the
// operation that was under way, and a hint for the common codes. Codes that mean "no such slot, token or
// object" have ErrorKind::not_found, all others ErrorKind::token.
#pragma once

#include <string>
#include <string_view>

#include "v6hsm/error.hpp"

namespace v6hsm::token {

class Pkcs11Error : public Error {
 public:
  // `operation` says what we were doing, in words ("logging in to token 'org'").
  Pkcs11Error(std::string_view function, unsigned long code, std::string_view operation);

  const std::string& function() const noexcept { return function_; }
  unsigned long code() const noexcept { return code_; }

 private:
  std::string function_;
  unsigned long code_;
};

// A token problem that is not the failure of one PKCS#11 call (a key without a usable flag, a token that
// ignored our template, a locked PIN seen in the token flags).
class TokenError : public Error {
 public:
  explicit TokenError(const std::string& message) : Error(ErrorKind::token, message) {}
};

}  // namespace v6hsm::token
