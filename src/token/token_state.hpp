// The shared state behind every copy of a Token (see the session rules in token.hpp).
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "token/session.hpp"
#include "token/session_pool.hpp"
#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::token {

// What it takes to log in again after the token lost every session (a reset, a token pulled out and put
// back): the PIN that worked, kept in wiping memory for the Token's life. Re-reading the PIN source was
// the alternative, and the worse one: a prompt cannot be answered in the middle of an unattended batch,
// and a PIN file or variable is often removed once the service has started. Tokens with a protected
// authentication path keep nothing and are not logged in again behind the user's back.
struct LoginCredential {
  SecureBytes pin;
};

struct Token::State {
  State(std::shared_ptr<Module> loaded, CK_SLOT_ID slot_id)
      : module(std::move(loaded)),
        slot(slot_id),
        pool(module, slot),
        anchor(Session::preferring_read_write(module, slot)) {}

  // The anchor's session information; a lost anchor is opened again first. Call with anchor_mutex held.
  CK_SESSION_INFO anchor_info();
  // After a session loss: drops the idle sessions, reopens a lost anchor and logs in again with the kept
  // credential when the login is gone. Returns whether anything had to be repaired; throws Pkcs11Error
  // when the repair itself fails.
  bool restore_sessions();
  // A session opened after the token lost every session (and nobody noticed yet, because no idle session
  // was used) starts logged out; the kept credential logs the application in again before it is used.
  void restore_login_for(const Session& fresh);

  // Declaration order is destruction order reversed: sessions close before the module can finalize.
  std::shared_ptr<Module> module;
  CK_SLOT_ID slot;
  SessionPool pool;
  Session anchor;  // never closed while the Token lives, so the login survives idle periods
  std::mutex anchor_mutex;  // guards anchor and credential: one thread at a time, as for any session
  std::optional<LoginCredential> credential;  // set by our own successful PIN login
};

}  // namespace v6hsm::token
