// One throwaway SoftHSM2 token ("org", user PIN kUserPin) and the way the CLI tests run the built v6hsm
// binary against it: a child process with an explicit environment (SOFTHSM2_CONF of the sandbox, HOME in
// the sandbox so no user settings file is read, the PIN in V6HSM_TEST_USER_PIN) and no shell.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/child_process.hpp"
#include "support/softhsm_sandbox.hpp"
#include "v6hsm/public_key.hpp"

namespace v6hsm::cli_test {

using Arguments = std::vector<std::string>;

inline constexpr const char* kTokenLabel = "org";
inline constexpr const char* kDefaultKey = "vantage6";

class CliSandbox {
 public:
  CliSandbox();

  const std::filesystem::path& directory() const noexcept { return sandbox_.directory(); }
  Environment environment() const;

  // v6hsm ARGUMENTS, with `input` on stdin and `extra` added to (or replacing) the environment.
  ProcessResult run(const Arguments& arguments, std::string_view input = {}, const Environment& extra = {}) const;
  // The same with the token and PIN options first: v6hsm --token org --pin-source env:... ARGUMENTS
  ProcessResult run_on_token(const Arguments& arguments, std::string_view input = {},
                             const Environment& extra = {}) const;

  std::filesystem::path write_file(const std::string& name, std::string_view content) const;

 private:
  testing::SoftHsmSandbox sandbox_;
};

Arguments operator+(Arguments first, const Arguments& second);

// The global options that select the sandbox token and give its PIN from the environment.
Arguments token_options();

std::string read_file(const std::filesystem::path& path);
// A fresh RSA private key PEM made by the openssl command (independent of the code under test).
std::string openssl_private_key_pem(const CliSandbox& sandbox, int bits);
// The public key PEM of a private key PEM, by the openssl command.
std::string openssl_public_key_pem(const CliSandbox& sandbox, const std::filesystem::path& private_key);

// The lines of `text` without their '\n' (a final line break does not start another line).
std::vector<std::string> lines_of(const std::string& text);

// gtest's message for a failed run: exit code and both streams.
std::string describe(const ProcessResult& result);

// A test suite sharing one sandbox token for all its tests; the default key ("vantage6", 2048 bits) is
// generated through the CLI the first time a test asks for it.
class CliSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static CliSandbox& sandbox();
  // The default key's public key, as `key show --format pem` prints it.
  static const PublicKey& default_key();

 private:
  static std::unique_ptr<CliSandbox> sandbox_;
  static std::unique_ptr<PublicKey> default_key_;
};

}  // namespace v6hsm::cli_test
