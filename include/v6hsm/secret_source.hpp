// Where a secret (PIN, SO PIN, API key, password, MFA code) comes from. Secrets never travel in argv:
//   env:NAME    the environment variable NAME
//   file:PATH   the file's content, without one trailing newline
//   prompt      typed on the terminal without echo (only when stdin is a TTY)
#pragma once

#include <string>
#include <string_view>

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

class SecretSource {
 public:
  enum class Kind { environment, file, prompt };

  // Throws InputError for anything but the three forms above; the message never repeats the value
  // after "env:"/"file:" if it does not look like a name or path.
  static SecretSource parse(std::string_view spec);

  // Reads the secret. `what` names it in prompts and errors ("user PIN", "API key").
  // Throws InputError when the variable is unset, the file is unreadable, or no terminal is available.
  SecureBytes read(std::string_view what) const;

  Kind kind() const noexcept { return kind_; }
  // "env:NAME", "file:PATH" or "prompt": safe to print, it holds no secret.
  std::string describe() const;

 private:
  SecretSource(Kind kind, std::string location) : kind_(kind), location_(std::move(location)) {}
  Kind kind_;
  std::string location_;
};

}  // namespace v6hsm
