// Common set-up of the token suites: a sandboxed SoftHSM2 token, its loaded module, a logged-in session,
// and the shared known-answer vectors.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "support/softhsm_sandbox.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token.hpp"

namespace v6hsm::testing {

inline constexpr const char* kTokenLabel = "v6hsm-test";

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_.create_token(kTokenLabel);
    module_ = token::Module::load(token::resolve_module_path());
    token_.emplace(open_logged_in(module_, kTokenLabel));
  }

  void TearDown() override {
    token_.reset();
    module_.reset();
  }

  token::Token& token() { return *token_; }

  // Members are destroyed bottom-up: the token's sessions close, then the module finalizes, then the
  // sandbox directory goes.
  SoftHsmSandbox sandbox_;
  std::shared_ptr<token::Module> module_;
  std::optional<token::Token> token_;
};

inline const nlohmann::json& vectors() {
  static const nlohmann::json loaded = [] {
    std::ifstream file(V6HSM_VECTORS_FILE);
    return nlohmann::json::parse(file);
  }();
  return loaded;
}

inline std::string private_pem(const std::string& key, const std::string& format) {
  return vectors().at("keys").at(key).at("private_pem_" + format).get<std::string>();
}

inline token::KeySpec spec_with_label(std::string label, int bits = 2048) {
  token::KeySpec spec;
  spec.label = std::move(label);
  spec.bits = bits;
  return spec;
}

}  // namespace v6hsm::testing
