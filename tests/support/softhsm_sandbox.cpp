#include "support/softhsm_sandbox.hpp"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

namespace v6hsm::testing {
namespace {

constexpr const char* kConfigVariable = "SOFTHSM2_CONF";

std::filesystem::path make_temporary_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "v6hsm-softhsm-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory for the SoftHSM2 sandbox");
  }
  return pattern;
}

void restore_environment(const char* name, const std::optional<std::string>& value) {
  if (value) {
    setenv(name, value->c_str(), 1);
  } else {
    unsetenv(name);
  }
}

}  // namespace

SecureBytes secret(std::string_view text) { return to_secure_bytes(as_bytes(text)); }

SoftHsmSandbox::SoftHsmSandbox()
    : directory_(make_temporary_directory()),
      config_file_(directory_ / "softhsm2.conf"),
      token_directory_(directory_ / "tokens") {
  std::filesystem::create_directory(token_directory_);
  std::ofstream config(config_file_);
  config << "directories.tokendir = " << token_directory_.string() << "\n"
         << "objectstore.backend = file\n"
         << "log.level = ERROR\n"
         << "slots.removable = false\n";
  if (!config) {
    throw std::runtime_error("cannot write " + config_file_.string());
  }
  if (const char* previous = std::getenv(kConfigVariable)) {
    previous_config_ = previous;
  }
  setenv(kConfigVariable, config_file_.c_str(), 1);
}

SoftHsmSandbox::~SoftHsmSandbox() {
  restore_environment(kConfigVariable, previous_config_);
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::string SoftHsmSandbox::create_token(std::string_view label, bool with_user_pin) const {
  const auto module = token::Module::load(token::resolve_module_path());
  token::initialize_token(*module, token::first_uninitialized_token(*module).slot_id, secret(kSoPin), label);
  auto created = token::Token::open(module, token::TokenSelector::by_label(std::string(label)));
  if (with_user_pin) {
    created.initialize_user_pin(secret(kSoPin), secret(kUserPin));
  }
  return created.info().serial;
}

SecretSource user_pin_source() {
  setenv(kUserPinVariable, std::string(kUserPin).c_str(), 1);
  return SecretSource::parse(std::string("env:") + kUserPinVariable);
}

token::Token open_logged_in(std::shared_ptr<token::Module> module, const std::string& label) {
  auto token = token::Token::open(std::move(module), token::TokenSelector::by_label(label));
  token.login(token::LoginRequest::from_source(user_pin_source()));
  return token;
}

}  // namespace v6hsm::testing
