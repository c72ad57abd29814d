#include "token/session.hpp"

#include <utility>

#include "token/module_impl.hpp"

namespace v6hsm::token {

Session::Session(std::shared_ptr<Module> module, CK_SLOT_ID slot) : module_(std::move(module)) {
  check(module_->impl().api().C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                            &handle_),
        "C_OpenSession", "opening a session");
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

}  // namespace v6hsm::token
