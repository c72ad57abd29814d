// The shared state behind every copy of a Token (see the session rules in token.hpp).
#pragma once

#include <memory>
#include <mutex>

#include "token/session.hpp"
#include "token/session_pool.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::token {

struct Token::State {
  State(std::shared_ptr<Module> loaded, CK_SLOT_ID slot_id)
      : module(std::move(loaded)), slot(slot_id), pool(module, slot), anchor(module, slot) {}

  // Declaration order is destruction order reversed: sessions close before the module can finalize.
  std::shared_ptr<Module> module;
  CK_SLOT_ID slot;
  SessionPool pool;
  Session anchor;  // never closed while the Token lives, so the login survives idle periods
  std::mutex anchor_mutex;  // the anchor is a session like any other: one thread at a time
};

}  // namespace v6hsm::token
