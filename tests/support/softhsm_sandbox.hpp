// A throwaway SoftHSM2 token directory for one test (or one test suite).
//
//   v6hsm::testing::SoftHsmSandbox sandbox;           // temp dir, softhsm2.conf, SOFTHSM2_CONF set
//   sandbox.create_token("org");                      // an initialized token with the PINs below
//   auto module = v6hsm::token::Module::load(v6hsm::token::resolve_module_path());
//   auto token = v6hsm::testing::open_logged_in(module, "org");
//
// The constructor points SOFTHSM2_CONF at the sandbox; the destructor restores the previous value and
// deletes the directory with every token in it. SoftHSM2 reads SOFTHSM2_CONF in C_Initialize, so load
// Modules after creating the sandbox and drop them before it goes away. The user's own tokens are never
// touched. Not thread-safe (it changes the process environment): create it outside worker threads.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/secret_source.hpp"
#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::testing {

// The PINs of every sandbox token. Test values only; the CLI tests pass them with env:/file: sources.
inline constexpr std::string_view kSoPin = "sandbox-so-pin";
inline constexpr std::string_view kUserPin = "sandbox-user-pin";
// The environment variable user_pin_source() sets.
inline constexpr const char* kUserPinVariable = "V6HSM_TEST_USER_PIN";

SecureBytes secret(std::string_view text);

class SoftHsmSandbox {
 public:
  SoftHsmSandbox();
  ~SoftHsmSandbox();
  SoftHsmSandbox(const SoftHsmSandbox&) = delete;
  SoftHsmSandbox& operator=(const SoftHsmSandbox&) = delete;

  const std::filesystem::path& directory() const noexcept { return directory_; }
  const std::filesystem::path& config_file() const noexcept { return config_file_; }
  const std::filesystem::path& token_directory() const noexcept { return token_directory_; }

  // Initializes the first free slot with `label` and kSoPin, then sets kUserPin unless `with_user_pin` is
  // false, all through v6hsm's own API. Returns the token's serial number.
  std::string create_token(std::string_view label, bool with_user_pin = true) const;

 private:
  std::filesystem::path directory_;
  std::filesystem::path config_file_;
  std::filesystem::path token_directory_;
  std::optional<std::string> previous_config_;
};

// env:V6HSM_TEST_USER_PIN, with the variable set to kUserPin.
SecretSource user_pin_source();

// Opens the token with `label` and logs in with kUserPin.
token::Token open_logged_in(std::shared_ptr<token::Module> module, const std::string& label);

}  // namespace v6hsm::testing
