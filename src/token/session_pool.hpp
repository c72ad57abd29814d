// Sessions for concurrent work on one token: a thread borrows a session, uses it alone, and gives it back.
// A session whose operation failed half-way is dropped instead of being returned, so no later caller
// inherits an active operation.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "token/session.hpp"

namespace v6hsm::token {

class SessionPool {
 public:
  SessionPool(std::shared_ptr<Module> module, CK_SLOT_ID slot);

  class Lease {
   public:
    Lease(SessionPool& pool, Session session) : pool_(&pool), session_(std::move(session)) {}
    ~Lease();
    Lease(Lease&&) = delete;
    Lease& operator=(Lease&&) = delete;

    const Session& session() const noexcept { return session_; }
    CK_SESSION_HANDLE handle() const noexcept { return session_.handle(); }
    const CK_FUNCTION_LIST& api() const noexcept { return session_.api(); }
    void discard() noexcept { discarded_ = true; }

   private:
    SessionPool* pool_;
    Session session_;
    bool discarded_ = false;
  };

  // Reuses an idle session or opens a new one.
  Lease acquire();

 private:
  void give_back(Session session) noexcept;

  std::shared_ptr<Module> module_;
  CK_SLOT_ID slot_;
  std::mutex mutex_;
  std::vector<Session> idle_;
};

}  // namespace v6hsm::token
