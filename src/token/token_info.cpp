#include "v6hsm/token/token_info.hpp"

#include "token/named_flags.hpp"

namespace v6hsm::token {
namespace {

constexpr NamedConstant kTokenFlags[] = {
    {CKF_RNG, "CKF_RNG"},
    {CKF_WRITE_PROTECTED, "CKF_WRITE_PROTECTED"},
    {CKF_LOGIN_REQUIRED, "CKF_LOGIN_REQUIRED"},
    {CKF_USER_PIN_INITIALIZED, "CKF_USER_PIN_INITIALIZED"},
    {CKF_RESTORE_KEY_NOT_NEEDED, "CKF_RESTORE_KEY_NOT_NEEDED"},
    {CKF_CLOCK_ON_TOKEN, "CKF_CLOCK_ON_TOKEN"},
    {CKF_PROTECTED_AUTHENTICATION_PATH, "CKF_PROTECTED_AUTHENTICATION_PATH"},
    {CKF_DUAL_CRYPTO_OPERATIONS, "CKF_DUAL_CRYPTO_OPERATIONS"},
    {CKF_TOKEN_INITIALIZED, "CKF_TOKEN_INITIALIZED"},
    {CKF_SECONDARY_AUTHENTICATION, "CKF_SECONDARY_AUTHENTICATION"},
    {CKF_USER_PIN_COUNT_LOW, "CKF_USER_PIN_COUNT_LOW"},
    {CKF_USER_PIN_FINAL_TRY, "CKF_USER_PIN_FINAL_TRY"},
    {CKF_USER_PIN_LOCKED, "CKF_USER_PIN_LOCKED"},
    {CKF_USER_PIN_TO_BE_CHANGED, "CKF_USER_PIN_TO_BE_CHANGED"},
    {CKF_SO_PIN_COUNT_LOW, "CKF_SO_PIN_COUNT_LOW"},
    {CKF_SO_PIN_FINAL_TRY, "CKF_SO_PIN_FINAL_TRY"},
    {CKF_SO_PIN_LOCKED, "CKF_SO_PIN_LOCKED"},
    {CKF_SO_PIN_TO_BE_CHANGED, "CKF_SO_PIN_TO_BE_CHANGED"},
};

}  // namespace

bool TokenInfo::initialized() const noexcept { return (flags & CKF_TOKEN_INITIALIZED) != 0; }
bool TokenInfo::login_required() const noexcept { return (flags & CKF_LOGIN_REQUIRED) != 0; }
bool TokenInfo::protected_authentication_path() const noexcept {
  return (flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
}
bool TokenInfo::user_pin_initialized() const noexcept { return (flags & CKF_USER_PIN_INITIALIZED) != 0; }
bool TokenInfo::user_pin_count_low() const noexcept { return (flags & CKF_USER_PIN_COUNT_LOW) != 0; }
bool TokenInfo::user_pin_final_try() const noexcept { return (flags & CKF_USER_PIN_FINAL_TRY) != 0; }
bool TokenInfo::user_pin_locked() const noexcept { return (flags & CKF_USER_PIN_LOCKED) != 0; }
bool TokenInfo::write_protected() const noexcept { return (flags & CKF_WRITE_PROTECTED) != 0; }

std::vector<std::string> TokenInfo::flag_names() const { return names_of_set_flags(flags, kTokenFlags); }

}  // namespace v6hsm::token
