// The baseline of the token benchmark: the bare PKCS#11 calls a token decryption cannot do without
// (C_DecryptInit + C_Decrypt with CKM_RSA_PKCS), on the same module, token and key as TokenKey, with none
// of v6hsm's layers in between.
#pragma once

#include <p11-kit/pkcs11.h>

#include <filesystem>
#include <string>

#include "v6hsm/bytes.hpp"

namespace v6hsm::bench {

class RawPkcs11 {
 public:
  // dlopen()s the module (already initialized and logged in by the token layer in this process, so the
  // sessions opened here share that login) and finds the slot holding the token labelled `token_label`.
  RawPkcs11(const std::filesystem::path& module_path, const std::string& token_label);
  ~RawPkcs11();
  RawPkcs11(const RawPkcs11&) = delete;
  RawPkcs11& operator=(const RawPkcs11&) = delete;

  // One session per thread, as SoftHSM2 requires.
  class Session {
   public:
    Session(const RawPkcs11& module, const std::string& key_label);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    // One C_DecryptInit + C_Decrypt(CKM_RSA_PKCS); returns the length of the recovered secret.
    unsigned long decrypt(ByteView wrapped);

   private:
    const CK_FUNCTION_LIST& api_;
    CK_SESSION_HANDLE session_ = 0;
    CK_OBJECT_HANDLE key_ = 0;
  };

 private:
  void* library_ = nullptr;
  CK_FUNCTION_LIST* api_ = nullptr;
  CK_SLOT_ID slot_ = 0;
};

}  // namespace v6hsm::bench
