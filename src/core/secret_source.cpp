#include "v6hsm/secret_source.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

constexpr std::size_t kMaxSecretSize = 64 * 1024;
constexpr std::string_view kUsage = "expected env:NAME, file:PATH or prompt";

void drop_one_trailing_newline(SecureBytes& secret) {
  if (!secret.empty() && secret.back() == '\n') secret.pop_back();
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
}

SecureBytes read_environment(const std::string& name, std::string_view what) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    throw InputError(std::string(what) + ": environment variable " + name + " is not set");
  }
  const std::string_view text(value);
  return SecureBytes(text.begin(), text.end());
}

SecureBytes read_file(const std::string& path, std::string_view what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(std::string(what) + ": cannot read file '" + path + "'");
  SecureBytes secret(kMaxSecretSize + 1);
  file.read(reinterpret_cast<char*>(secret.data()), static_cast<std::streamsize>(secret.size()));
  secret.resize(static_cast<std::size_t>(file.gcount()));
  if (secret.size() > kMaxSecretSize) {
    throw InputError(std::string(what) + ": file '" + path + "' is larger than 64 KiB; it is not a secret");
  }
  drop_one_trailing_newline(secret);
  return secret;
}

// Turns terminal echo off for its lifetime and restores the previous mode even when reading throws.
class EchoOff {
 public:
  explicit EchoOff(int descriptor) : descriptor_(descriptor) {
    if (tcgetattr(descriptor_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(descriptor_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(descriptor_, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int descriptor_;
  termios saved_{};
  bool active_ = false;
};

SecureBytes read_prompt(std::string_view what) {
  if (isatty(STDIN_FILENO) == 0) {
    throw InputError(std::string(what) +
                     ": cannot prompt because standard input is not a terminal; use env:NAME or file:PATH");
  }
  std::fprintf(stderr, "%.*s: ", static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  SecureBytes secret;
  {
    EchoOff quiet(STDIN_FILENO);
    char character = 0;
    while (read(STDIN_FILENO, &character, 1) == 1 && character != '\n') {
      if (secret.size() == kMaxSecretSize) break;
      secret.push_back(static_cast<std::uint8_t>(character));
    }
    secure_wipe(&character, sizeof character);
  }
  std::fputc('\n', stderr);
  drop_one_trailing_newline(secret);
  return secret;
}

}  // namespace

SecretSource SecretSource::parse(std::string_view spec) {
  if (spec == "prompt") return {Kind::prompt, ""};
  if (spec.starts_with("env:") && spec.size() > 4) return {Kind::environment, std::string(spec.substr(4))};
  if (spec.starts_with("file:") && spec.size() > 5) return {Kind::file, std::string(spec.substr(5))};
  // The text may be a secret typed in the wrong place, so it is not repeated.
  throw InputError("invalid secret source: " + std::string(kUsage) +
                   " (secrets are never given on the command line itself)");
}

SecureBytes SecretSource::read(std::string_view what) const {
  switch (kind_) {
    case Kind::environment: return read_environment(location_, what);
    case Kind::file: return read_file(location_, what);
    case Kind::prompt: return read_prompt(what);
  }
  throw InputError(std::string(what) + ": " + std::string(kUsage));
}

std::string SecretSource::describe() const {
  switch (kind_) {
    case Kind::environment: return "env:" + location_;
    case Kind::file: return "file:" + location_;
    case Kind::prompt: return "prompt";
  }
  return "prompt";
}

}  // namespace v6hsm
