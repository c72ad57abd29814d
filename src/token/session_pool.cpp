#include "token/session_pool.hpp"

#include <utility>

namespace v6hsm::token {

SessionPool::SessionPool(std::shared_ptr<Module> module, CK_SLOT_ID slot)
    : module_(std::move(module)), slot_(slot) {}

SessionPool::Lease::~Lease() {
  if (std::uncaught_exceptions() == exceptions_at_start_) {
    pool_->give_back(std::move(session_), access_);
  }
}

SessionPool::Lease SessionPool::acquire(SessionAccess access) {
  {
    std::lock_guard lock(mutex_);
    auto& sessions = idle(access);
    if (!sessions.empty()) {
      Session session = std::move(sessions.back());
      sessions.pop_back();
      return Lease(*this, std::move(session), access, false);
    }
  }
  // Opened outside the lock: C_OpenSession may be slow and other threads can keep reusing idle sessions.
  return Lease(*this, Session(module_, slot_, access), access, true);
}

void SessionPool::close_idle() noexcept {
  std::array<std::vector<Session>, 2> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
  }
  // The sessions close here, outside the lock.
}

void SessionPool::give_back(Session session, SessionAccess access) noexcept {
  try {
    std::lock_guard lock(mutex_);
    idle(access).push_back(std::move(session));
  } catch (...) {
    // Out of memory while growing the idle list: the session simply closes here.
  }
}

}  // namespace v6hsm::token
