#include "token/session_pool.hpp"

#include <utility>

namespace v6hsm::token {

SessionPool::SessionPool(std::shared_ptr<Module> module, CK_SLOT_ID slot)
    : module_(std::move(module)), slot_(slot) {}

SessionPool::Lease::~Lease() {
  if (!discarded_) {
    pool_->give_back(std::move(session_));
  }
}

SessionPool::Lease SessionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Session session = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(session));
    }
  }
  // Opened outside the lock: C_OpenSession may be slow and other threads can keep reusing idle sessions.
  return Lease(*this, Session(module_, slot_));
}

void SessionPool::give_back(Session session) noexcept {
  try {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(session));
  } catch (...) {
    // Out of memory while growing the idle list: the session simply closes here.
  }
}

}  // namespace v6hsm::token
