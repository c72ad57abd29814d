#include "v6hsm/token/return_codes.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace v6hsm::token {
namespace {

constexpr unsigned long kVendorDefined = 0x80000000UL;

struct NamedCode {
  unsigned long code;
  std::string_view name;
};

// Every CKR_ value of PKCS#11 2.40 plus those 3.0 added, sorted by code for binary search.
constexpr std::array kNames{
    NamedCode{0x00000000UL, "CKR_OK"},
    NamedCode{0x00000001UL, "CKR_CANCEL"},
    NamedCode{0x00000002UL, "CKR_HOST_MEMORY"},
    NamedCode{0x00000003UL, "CKR_SLOT_ID_INVALID"},
    NamedCode{0x00000005UL, "CKR_GENERAL_ERROR"},
    NamedCode{0x00000006UL, "CKR_FUNCTION_FAILED"},
    NamedCode{0x00000007UL, "CKR_ARGUMENTS_BAD"},
    NamedCode{0x00000008UL, "CKR_NO_EVENT"},
    NamedCode{0x00000009UL, "CKR_NEED_TO_CREATE_THREADS"},
    NamedCode{0x0000000AUL, "CKR_CANT_LOCK"},
    NamedCode{0x00000010UL, "CKR_ATTRIBUTE_READ_ONLY"},
    NamedCode{0x00000011UL, "CKR_ATTRIBUTE_SENSITIVE"},
    NamedCode{0x00000012UL, "CKR_ATTRIBUTE_TYPE_INVALID"},
    NamedCode{0x00000013UL, "CKR_ATTRIBUTE_VALUE_INVALID"},
    NamedCode{0x0000001BUL, "CKR_ACTION_PROHIBITED"},
    NamedCode{0x00000020UL, "CKR_DATA_INVALID"},
    NamedCode{0x00000021UL, "CKR_DATA_LEN_RANGE"},
    NamedCode{0x00000030UL, "CKR_DEVICE_ERROR"},
    NamedCode{0x00000031UL, "CKR_DEVICE_MEMORY"},
    NamedCode{0x00000032UL, "CKR_DEVICE_REMOVED"},
    NamedCode{0x00000035UL, "CKR_AEAD_DECRYPT_FAILED"},
    NamedCode{0x00000040UL, "CKR_ENCRYPTED_DATA_INVALID"},
    NamedCode{0x00000041UL, "CKR_ENCRYPTED_DATA_LEN_RANGE"},
    NamedCode{0x00000050UL, "CKR_FUNCTION_CANCELED"},
    NamedCode{0x00000051UL, "CKR_FUNCTION_NOT_PARALLEL"},
    NamedCode{0x00000054UL, "CKR_FUNCTION_NOT_SUPPORTED"},
    NamedCode{0x00000060UL, "CKR_KEY_HANDLE_INVALID"},
    NamedCode{0x00000062UL, "CKR_KEY_SIZE_RANGE"},
    NamedCode{0x00000063UL, "CKR_KEY_TYPE_INCONSISTENT"},
    NamedCode{0x00000064UL, "CKR_KEY_NOT_NEEDED"},
    NamedCode{0x00000065UL, "CKR_KEY_CHANGED"},
    NamedCode{0x00000066UL, "CKR_KEY_NEEDED"},
    NamedCode{0x00000067UL, "CKR_KEY_INDIGESTIBLE"},
    NamedCode{0x00000068UL, "CKR_KEY_FUNCTION_NOT_PERMITTED"},
    NamedCode{0x00000069UL, "CKR_KEY_NOT_WRAPPABLE"},
    NamedCode{0x0000006AUL, "CKR_KEY_UNEXTRACTABLE"},
    NamedCode{0x00000070UL, "CKR_MECHANISM_INVALID"},
    NamedCode{0x00000071UL, "CKR_MECHANISM_PARAM_INVALID"},
    NamedCode{0x00000082UL, "CKR_OBJECT_HANDLE_INVALID"},
    NamedCode{0x00000090UL, "CKR_OPERATION_ACTIVE"},
    NamedCode{0x00000091UL, "CKR_OPERATION_NOT_INITIALIZED"},
    NamedCode{0x000000A0UL, "CKR_PIN_INCORRECT"},
    NamedCode{0x000000A1UL, "CKR_PIN_INVALID"},
    NamedCode{0x000000A2UL, "CKR_PIN_LEN_RANGE"},
    NamedCode{0x000000A3UL, "CKR_PIN_EXPIRED"},
    NamedCode{0x000000A4UL, "CKR_PIN_LOCKED"},
    NamedCode{0x000000B0UL, "CKR_SESSION_CLOSED"},
    NamedCode{0x000000B1UL, "CKR_SESSION_COUNT"},
    NamedCode{0x000000B3UL, "CKR_SESSION_HANDLE_INVALID"},
    NamedCode{0x000000B4UL, "CKR_SESSION_PARALLEL_NOT_SUPPORTED"},
    NamedCode{0x000000B5UL, "CKR_SESSION_READ_ONLY"},
    NamedCode{0x000000B6UL, "CKR_SESSION_EXISTS"},
    NamedCode{0x000000B7UL, "CKR_SESSION_READ_ONLY_EXISTS"},
    NamedCode{0x000000B8UL, "CKR_SESSION_READ_WRITE_SO_EXISTS"},
    NamedCode{0x000000C0UL, "CKR_SIGNATURE_INVALID"},
    NamedCode{0x000000C1UL, "CKR_SIGNATURE_LEN_RANGE"},
    NamedCode{0x000000D0UL, "CKR_TEMPLATE_INCOMPLETE"},
    NamedCode{0x000000D1UL, "CKR_TEMPLATE_INCONSISTENT"},
    NamedCode{0x000000E0UL, "CKR_TOKEN_NOT_PRESENT"},
    NamedCode{0x000000E1UL, "CKR_TOKEN_NOT_RECOGNIZED"},
    NamedCode{0x000000E2UL, "CKR_TOKEN_WRITE_PROTECTED"},
    NamedCode{0x000000F0UL, "CKR_UNWRAPPING_KEY_HANDLE_INVALID"},
    NamedCode{0x000000F1UL, "CKR_UNWRAPPING_KEY_SIZE_RANGE"},
    NamedCode{0x000000F2UL, "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT"},
    NamedCode{0x00000100UL, "CKR_USER_ALREADY_LOGGED_IN"},
    NamedCode{0x00000101UL, "CKR_USER_NOT_LOGGED_IN"},
    NamedCode{0x00000102UL, "CKR_USER_PIN_NOT_INITIALIZED"},
    NamedCode{0x00000103UL, "CKR_USER_TYPE_INVALID"},
    NamedCode{0x00000104UL, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"},
    NamedCode{0x00000105UL, "CKR_USER_TOO_MANY_TYPES"},
    NamedCode{0x00000110UL, "CKR_WRAPPED_KEY_INVALID"},
    NamedCode{0x00000112UL, "CKR_WRAPPED_KEY_LEN_RANGE"},
    NamedCode{0x00000113UL, "CKR_WRAPPING_KEY_HANDLE_INVALID"},
    NamedCode{0x00000114UL, "CKR_WRAPPING_KEY_SIZE_RANGE"},
    NamedCode{0x00000115UL, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT"},
    NamedCode{0x00000120UL, "CKR_RANDOM_SEED_NOT_SUPPORTED"},
    NamedCode{0x00000121UL, "CKR_RANDOM_NO_RNG"},
    NamedCode{0x00000130UL, "CKR_DOMAIN_PARAMS_INVALID"},
    NamedCode{0x00000140UL, "CKR_CURVE_NOT_SUPPORTED"},
    NamedCode{0x00000150UL, "CKR_BUFFER_TOO_SMALL"},
    NamedCode{0x00000160UL, "CKR_SAVED_STATE_INVALID"},
    NamedCode{0x00000170UL, "CKR_INFORMATION_SENSITIVE"},
    NamedCode{0x00000180UL, "CKR_STATE_UNSAVEABLE"},
    NamedCode{0x00000190UL, "CKR_CRYPTOKI_NOT_INITIALIZED"},
    NamedCode{0x00000191UL, "CKR_CRYPTOKI_ALREADY_INITIALIZED"},
    NamedCode{0x000001A0UL, "CKR_MUTEX_BAD"},
    NamedCode{0x000001A1UL, "CKR_MUTEX_NOT_LOCKED"},
    NamedCode{0x000001B0UL, "CKR_NEW_PIN_MODE"},
    NamedCode{0x000001B1UL, "CKR_NEXT_OTP"},
    NamedCode{0x000001B5UL, "CKR_EXCEEDED_MAX_ITERATIONS"},
    NamedCode{0x000001B6UL, "CKR_FIPS_SELF_TEST_FAILED"},
    NamedCode{0x000001B7UL, "CKR_LIBRARY_LOAD_FAILED"},
    NamedCode{0x000001B8UL, "CKR_PIN_TOO_WEAK"},
    NamedCode{0x000001B9UL, "CKR_PUBLIC_KEY_INVALID"},
    NamedCode{0x00000200UL, "CKR_FUNCTION_REJECTED"},
    NamedCode{0x00000201UL, "CKR_TOKEN_RESOURCE_EXCEEDED"},
    NamedCode{0x00000202UL, "CKR_OPERATION_CANCEL_FAILED"},
    NamedCode{0x00000203UL, "CKR_KEY_EXHAUSTED"},
};

struct CodeHint {
  unsigned long code;
  std::string_view hint;
};

constexpr CodeHint kHints[] = {
    {0x00000003UL, "the slot does not exist (any more): list the tokens again and select by label or serial"},
    {0x00000005UL,
     "the token failed internally; for SoftHSM2 this is also what a corrupted ciphertext or an unreadable "
     "token directory gives"},
    {0x00000011UL, "the token keeps this attribute secret, which is what a sensitive private key should do"},
    {0x00000068UL, "the key's attributes forbid this operation (check CKA_DECRYPT / CKA_UNWRAP)"},
    {0x00000070UL, "the token does not support this mechanism; run the doctor command to see what it offers"},
    {0x00000082UL, "the object no longer exists on the token; list the keys again"},
    {0x000000A0UL, "the PIN is wrong; each failed attempt may count towards locking the token, so check it "
                   "before trying again"},
    {0x000000A2UL, "the PIN is too short or too long for this token"},
    {0x000000A4UL, "the user PIN is locked; the security officer must reset it (C_InitPIN)"},
    {0x000000B5UL, "the session is read-only; the token may be write-protected"},
    {0x000000D1UL, "the token rejected the attribute template; it may not support these key settings"},
    {0x000000E0UL, "no token is present in this slot; insert it or pick another slot"},
    {0x000000E1UL, "the token is not recognized by the module; it may need initializing"},
    {0x000000E2UL, "the token is write-protected; keys cannot be created or deleted on it"},
    {0x00000101UL, "log in first: give the user PIN"},
    {0x00000102UL, "the user PIN has not been set yet; initialize it with the SO PIN"},
    {0x00000062UL, "the token does not support this key size"},
    {0x00000190UL, "the module is not initialized (it was finalized while still in use)"},
};

}  // namespace

std::string return_code_name(unsigned long code) {
  const auto* found = std::lower_bound(kNames.begin(), kNames.end(), code,
                                       [](const NamedCode& entry, unsigned long value) { return entry.code < value; });
  if (found != kNames.end() && found->code == code) {
    return std::string(found->name);
  }
  char text[48];
  if (code >= kVendorDefined) {
    std::snprintf(text, sizeof text, "CKR_VENDOR_DEFINED+0x%lX", code - kVendorDefined);
  } else {
    std::snprintf(text, sizeof text, "unknown CKR code");
  }
  return text;
}

std::string_view return_code_hint(unsigned long code) noexcept {
  for (const auto& entry : kHints) {
    if (entry.code == code) {
      return entry.hint;
    }
  }
  return {};
}

}  // namespace v6hsm::token
