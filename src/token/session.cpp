#include "token/session.hpp"

#include <utility>

#include "token/module_impl.hpp"
#include "v6hsm/token/pkcs11_error.hpp"

namespace v6hsm::token {

Session::Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, SessionAccess access)
    : module_(std::move(module)) {
  const CK_FLAGS flags = CKF_SERIAL_SESSION | (access == SessionAccess::read_write ? CKF_RW_SESSION : 0);
  check(module_->impl().api().C_OpenSession(slot, flags, nullptr, nullptr, &handle_), "C_OpenSession",
        access == SessionAccess::read_write ? "opening a read-write session" : "opening a read-only session");
}

Session Session::preferring_read_write(std::shared_ptr<Module> module, CK_SLOT_ID slot) {
  try {
    return Session(module, slot, SessionAccess::read_write);
  } catch (const Pkcs11Error& error) {
    if (error.code() != CKR_TOKEN_WRITE_PROTECTED) throw;
  }
  return Session(std::move(module), slot, SessionAccess::read_only);
}

Session::~Session() { close(); }

Session::Session(Session&& other) noexcept
    : module_(std::move(other.module_)), handle_(std::exchange(other.handle_, CK_INVALID_HANDLE)) {}

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    close();
    module_ = std::move(other.module_);
    handle_ = std::exchange(other.handle_, CK_INVALID_HANDLE);
  }
  return *this;
}

const CK_FUNCTION_LIST& Session::api() const noexcept { return module_->impl().api(); }

void Session::close() noexcept {
  if (handle_ != CK_INVALID_HANDLE) {
    // Nothing useful can be done when closing fails: the session is gone either way.
    static_cast<void>(api().C_CloseSession(handle_));
    handle_ = CK_INVALID_HANDLE;
  }
}

CK_RV log_in_user(const Session& session, const SecureBytes* pin) {
  // PKCS#11 takes PINs through non-const pointers but never writes to them.
  auto* pin_bytes = pin != nullptr ? const_cast<CK_UTF8CHAR*>(pin->data()) : nullptr;
  return session.api().C_Login(session.handle(), CKU_USER, pin_bytes, pin != nullptr ? pin->size() : 0);
}

}  // namespace v6hsm::token
