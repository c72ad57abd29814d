// CKR_ names and hints, and what a Pkcs11Error says.
#include <gtest/gtest.h>

#include "token/pkcs11.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/return_codes.hpp"

namespace v6hsm::token {
namespace {

TEST(ReturnCodes, NamesStandardCodesVendorCodesAndUnknownOnes) {
  EXPECT_EQ(return_code_name(CKR_OK), "CKR_OK");
  EXPECT_EQ(return_code_name(CKR_PIN_INCORRECT), "CKR_PIN_INCORRECT");
  EXPECT_EQ(return_code_name(CKR_CRYPTOKI_ALREADY_INITIALIZED), "CKR_CRYPTOKI_ALREADY_INITIALIZED");
  EXPECT_EQ(return_code_name(CKR_FUNCTION_REJECTED), "CKR_FUNCTION_REJECTED");
  EXPECT_EQ(return_code_name(0x1B8), "CKR_PIN_TOO_WEAK");
  EXPECT_EQ(return_code_name(CKR_VENDOR_DEFINED + 0x12), "CKR_VENDOR_DEFINED+0x12");
  EXPECT_EQ(return_code_name(0x4), "unknown CKR code");
}

TEST(ReturnCodes, CommonCodesHaveTheirStandardNames) {
  for (const CK_RV code : {CKR_CANCEL, CKR_HOST_MEMORY, CKR_SLOT_ID_INVALID, CKR_ATTRIBUTE_SENSITIVE,
                           CKR_KEY_FUNCTION_NOT_PERMITTED, CKR_SESSION_READ_ONLY, CKR_TOKEN_NOT_PRESENT,
                           CKR_USER_NOT_LOGGED_IN, CKR_WRAPPED_KEY_INVALID, CKR_BUFFER_TOO_SMALL, CKR_MUTEX_NOT_LOCKED}) {
    EXPECT_TRUE(return_code_name(code).starts_with("CKR_")) << code;
  }
}

TEST(Pkcs11Error, NamesFunctionCodeNumberOperationAndHint) {
  const Pkcs11Error error("C_Login", CKR_PIN_INCORRECT, "logging in to token 'org'");
  const std::string message = error.what();
  EXPECT_EQ(message.rfind("logging in to token 'org': C_Login failed with CKR_PIN_INCORRECT (0x000000A0): ", 0), 0U)
      << message;
  EXPECT_FALSE(return_code_hint(CKR_PIN_INCORRECT).empty());
  EXPECT_EQ(error.kind(), ErrorKind::token);
  EXPECT_EQ(error.code(), CKR_PIN_INCORRECT);
  EXPECT_EQ(error.function(), "C_Login");
}

TEST(Pkcs11Error, MissingThingsAreNotFound) {
  EXPECT_EQ(Pkcs11Error("C_GetTokenInfo", CKR_TOKEN_NOT_PRESENT, "x").kind(), ErrorKind::not_found);
  EXPECT_EQ(Pkcs11Error("C_GetSlotInfo", CKR_SLOT_ID_INVALID, "x").kind(), ErrorKind::not_found);
  EXPECT_EQ(Pkcs11Error("C_Decrypt", CKR_GENERAL_ERROR, "x").kind(), ErrorKind::token);
  EXPECT_TRUE(return_code_hint(CKR_DATA_LEN_RANGE).empty());
}

}  // namespace
}  // namespace v6hsm::token
