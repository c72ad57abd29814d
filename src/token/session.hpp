// A move-only PKCS#11 session: opened read-write on one slot, closed by the destructor (which never throws).
#pragma once

#include <memory>

#include "token/pkcs11.hpp"
#include "v6hsm/token/module.hpp"

namespace v6hsm::token {

class Session {
 public:
  Session(std::shared_ptr<Module> module, CK_SLOT_ID slot);
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

}  // namespace v6hsm::token
