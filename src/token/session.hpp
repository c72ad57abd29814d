// A move-only PKCS#11 session on one slot, closed by the destructor (which never throws).
//
// Sessions are read-only unless they create token objects: a read-only session can log in, find, decrypt
// and unwrap (the unwrapped secret is a session object, which PKCS#11 allows there), so a write-protected
// token still decrypts, and only provisioning needs a read-write session.
#pragma once

#include <memory>

#include "token/pkcs11.hpp"
#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/token/module.hpp"

namespace v6hsm::token {

enum class SessionAccess { read_only, read_write };

class Session {
 public:
  Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, SessionAccess access);
  // Read-write, or read-only when the token answers CKR_TOKEN_WRITE_PROTECTED: for the session that holds
  // the login, which also serves the security officer's C_InitPIN where the token allows writing.
  static Session preferring_read_write(std::shared_ptr<Module> module, CK_SLOT_ID slot);
  ~Session();
  Session(Session&& other) noexcept;
  Session& operator=(Session&& other) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  CK_SESSION_HANDLE handle() const noexcept { return handle_; }
  const CK_FUNCTION_LIST& api() const noexcept;
  const Module& module() const noexcept { return *module_; }

 private:
  void close() noexcept;
  std::shared_ptr<Module> module_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
};

// C_Login as the user; `pin` is null on a token with a protected authentication path.
CK_RV log_in_user(const Session& session, const SecureBytes* pin);

}  // namespace v6hsm::token
