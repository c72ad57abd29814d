// One token in one slot of a loaded module: initialization, login, and the sessions every other
// operation runs on.
//
// Sessions: a Token keeps one session open for as long as it lives, because PKCS#11 logs the whole
// application out when its last session on a token closes. Operations borrow further sessions from a
// pool, one thread per session at a time (SoftHSM2 crashes when two threads share one). Copies of a
// Token share the same sessions and login; the module stays loaded while any copy exists.
//
// Recovery: when a call fails with CKR_SESSION_HANDLE_INVALID or CKR_SESSION_CLOSED (a token reset or
// reinserted, sessions closed behind our back), or with CKR_USER_NOT_LOGGED_IN while the login is indeed
// gone, the operation restores its sessions, logs in again and retries once. For that, a successful PIN
// login keeps the PIN in wiping memory for the life of the Token (see token_state.hpp for why that beats
// reading the PIN source again); a token with a protected authentication path is never logged in again
// behind the user's back. The login session is read-write, or read-only on a write-protected token.
#pragma once

#include <memory>
#include <string_view>

#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/token/login.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token_info.hpp"
#include "v6hsm/token/token_selector.hpp"

namespace v6hsm::token {

// C_InitToken on `slot_id`: erases whatever the token held and sets the SO PIN and label.
void initialize_token(const Module& module, unsigned long slot_id, const SecureBytes& so_pin,
                      std::string_view label);

// The first slot whose token is not initialized yet (SoftHSM2 always offers one). Throws NotFoundError.
TokenInfo first_uninitialized_token(const Module& module);

class Token {
 public:
  // Throws NotFoundError when nothing matches and TokenError when the token is not initialized.
  static Token open(std::shared_ptr<Module> module, const TokenSelector& selector);
  static Token open(std::shared_ptr<Module> module, unsigned long slot_id);

  TokenInfo info() const;
  const Module& module() const noexcept;
  // "token 'org' (serial 1234)", for messages.
  std::string description() const;

  // Throws Pkcs11Error on a wrong PIN (CKR_PIN_INCORRECT, with the hint), and TokenError before trying
  // when the token reports its user PIN locked or not initialized.
  LoginReport login(const LoginRequest& request);
  // Sets the user PIN as the security officer (C_Login as SO, C_InitPIN, C_Logout).
  void initialize_user_pin(const SecureBytes& so_pin, const SecureBytes& user_pin);
  bool logged_in() const;

  struct State;
  State& state() const noexcept { return *state_; }

 private:
  explicit Token(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace v6hsm::token
