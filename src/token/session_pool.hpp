// Sessions for concurrent work on one token: a thread borrows a session, uses it alone, and gives it back.
// A session whose borrower leaves by an exception is closed instead of being returned:
// a failed call may have left a search or a crypto operation active (CKR_BUFFER_TOO_SMALL does), and the
// next borrower would meet CKR_OPERATION_ACTIVE on a session that looks idle.
#pragma once

#include <array>
#include <exception>
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
    Lease(SessionPool& pool, Session session, SessionAccess access, bool fresh)
        : pool_(&pool), session_(std::move(session)), access_(access), fresh_(fresh) {}
    ~Lease();
    Lease(Lease&&) = delete;
    Lease& operator=(Lease&&) = delete;

    const Session& session() const noexcept { return session_; }
    CK_SESSION_HANDLE handle() const noexcept { return session_.handle(); }
    const CK_FUNCTION_LIST& api() const noexcept { return session_.api(); }
    // Opened for this lease rather than taken from the idle ones.
    bool fresh() const noexcept { return fresh_; }

   private:
    SessionPool* pool_;
    Session session_;
    SessionAccess access_;
    bool fresh_;
    int exceptions_at_start_ = std::uncaught_exceptions();
  };

  // Reuses an idle session of that access or opens a new one.
  Lease acquire(SessionAccess access);
  // Closes every idle session: after a session loss they are probably dead too, and the security officer
  // cannot log in while read-only sessions exist.
  void close_idle() noexcept;

 private:
  void give_back(Session session, SessionAccess access) noexcept;
  std::vector<Session>& idle(SessionAccess access) { return idle_[access == SessionAccess::read_write ? 1 : 0]; }

  std::shared_ptr<Module> module_;
  CK_SLOT_ID slot_;
  std::mutex mutex_;
  std::array<std::vector<Session>, 2> idle_;
};

}  // namespace v6hsm::token
