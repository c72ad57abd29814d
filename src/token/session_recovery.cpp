#include "token/session_recovery.hpp"

namespace v6hsm::token {
namespace {

bool is_user_state(CK_STATE state) noexcept {
  return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
}

}  // namespace

bool is_session_loss(CK_RV code) noexcept { return code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED; }

CK_SESSION_INFO Token::State::anchor_info() {
  CK_SESSION_INFO info{};
  CK_RV rv = anchor.api().C_GetSessionInfo(anchor.handle(), &info);
  if (is_session_loss(rv)) {
    anchor = Session::preferring_read_write(module, slot);
    rv = anchor.api().C_GetSessionInfo(anchor.handle(), &info);
  }
  check(rv, "C_GetSessionInfo", "checking the login state");
  return info;
}

bool Token::State::restore_sessions() {
  pool.close_idle();
  const std::lock_guard lock(anchor_mutex);
  const CK_SESSION_HANDLE before = anchor.handle();
  const CK_SESSION_INFO info = anchor_info();
  bool repaired = anchor.handle() != before;
  if (credential && !is_user_state(info.state)) {
    const CK_RV rv = log_in_user(anchor, &credential->pin);
    if (rv != CKR_USER_ALREADY_LOGGED_IN) {
      check(rv, "C_Login", "logging in again after the token lost its sessions");
    }
    repaired = true;
  }
  return repaired;
}

void Token::State::restore_login_for(const Session& fresh) {
  {
    const std::lock_guard lock(anchor_mutex);
    if (!credential) {
      return;
    }
  }
  CK_SESSION_INFO info{};
  check(fresh.api().C_GetSessionInfo(fresh.handle(), &info), "C_GetSessionInfo", "checking a new session");
  if (!is_user_state(info.state)) {
    restore_sessions();
  }
}

bool restore_for_retry(Token::State& state, CK_RV code) {
  if (is_session_loss(code)) {
    state.restore_sessions();
    return true;
  }
  // Only a login that really went away is restored; a token that refuses a logged-in user keeps its error.
  return code == CKR_USER_NOT_LOGGED_IN && state.restore_sessions();
}

}  // namespace v6hsm::token
