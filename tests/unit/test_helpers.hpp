// Small helpers shared by the unit tests.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "v6hsm/error.hpp"

namespace v6hsm::test {

// Runs a shell command (fixed test commands only, never with secrets) and returns its stdout.
inline std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  ::pclose(pipe);
  return output;
}

// The message of the InputError `action` throws, or "" when it throws none.
inline std::string input_error_text(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace v6hsm::test
