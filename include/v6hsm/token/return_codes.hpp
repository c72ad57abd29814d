// PKCS#11 return values (CK_RV) as text: the CKR_ name of every code the standard defines, and a hint for
// the ones users actually meet, so an error message can say what went wrong and what to do about it.
#pragma once

#include <string>
#include <string_view>

namespace v6hsm::token {

// "CKR_PIN_INCORRECT", or "CKR_VENDOR_DEFINED+0x..." / "unknown CKR code" for codes outside the standard.
std::string return_code_name(unsigned long code);

// A sentence telling the user what to do, or an empty view when there is no specific advice.
std::string_view return_code_hint(unsigned long code) noexcept;

}  // namespace v6hsm::token
