// Runs a call that must fail with a ServerError and returns that error for inspection.
#pragma once

#include <gtest/gtest.h>

#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::test {

template <class Attempt>
publish::ServerError server_error_of(Attempt&& attempt) {
  try {
    attempt();
  } catch (const publish::ServerError& error) {
    return error;
  }
  ADD_FAILURE() << "the call succeeded, a ServerError was expected";
  return publish::ServerError("(no error)");
}

// The error's message, for substring checks.
inline std::string message_of(const publish::ServerError& error) { return error.what(); }

}  // namespace v6hsm::test
