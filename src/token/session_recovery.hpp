// Running a token operation on a pooled session, surviving one session loss: when a call fails with
// CKR_SESSION_HANDLE_INVALID or CKR_SESSION_CLOSED (or with CKR_USER_NOT_LOGGED_IN because the login went
// with the sessions), the sessions are restored (token_state.hpp) and the operation runs once more on a
// fresh session. Once only: a token that keeps losing its sessions gets its error reported, not a loop.
//
// Retrying is safe for every operation here: reads have no effect, and provisioning marks what it creates
// as pending until it is complete (key_store.cpp), so a half-done first attempt is cleaned up by the second.
#pragma once

#include "token/module_impl.hpp"
#include "token/session_pool.hpp"
#include "token/token_state.hpp"
#include "v6hsm/token/pkcs11_error.hpp"

namespace v6hsm::token {

bool is_session_loss(CK_RV code) noexcept;

// Whether a call that failed with `code` is worth one more try after restoring the sessions (which this
// does).
bool restore_for_retry(Token::State& state, CK_RV code);

template <typename Operation>
auto with_session(Token::State& state, SessionAccess access, const Operation& operation) {
  const auto attempt = [&] {
    const SessionPool::Lease lease = state.pool.acquire(access);
    if (lease.fresh()) {
      state.restore_login_for(lease.session());
    }
    return operation(lease);
  };
  try {
    return attempt();
  } catch (const Pkcs11Error& error) {
    if (!restore_for_retry(state, error.code())) {
      throw;
    }
  }
  return attempt();
}

}  // namespace v6hsm::token
