// Everything a `doctor` command shows about a module, a token and (optionally) a key: what the token
// offers for our mechanisms, what the key allows, and which recovery strategy would be used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/module.hpp"
#include "v6hsm/token/token.hpp"
#include "v6hsm/token/token_info.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::token {

struct MechanismReport {
  unsigned long type = 0;
  std::string name;        // "CKM_RSA_PKCS"
  bool supported = false;  // false when C_GetMechanismInfo says CKR_MECHANISM_INVALID
  unsigned long min_key_size = 0;
  unsigned long max_key_size = 0;
  unsigned long flags = 0;
  std::vector<std::string> flag_names;  // "CKF_DECRYPT", ...
};

struct CapabilityReport {
  ModuleInfo module;
  TokenInfo token;
  std::vector<MechanismReport> mechanisms;  // key-pair generation, RSA PKCS#1 v1.5, OAEP, AES-CTR
  std::optional<KeyInfo> key;
  std::optional<RecoveryStrategy> strategy;  // the automatic choice for `key`
  std::vector<std::string> problems;         // why a key cannot be used, weak attributes, PIN counters
};

// Queries mechanisms on `token`; when `key` is given, the token must be logged in and the key is looked up
// (a missing or unusable key is reported in `problems`, not thrown).
CapabilityReport build_capability_report(Token& token, const std::optional<KeyRef>& key = {});

// The mechanism part alone, for modules whose token needs no login.
RsaPkcsSupport rsa_pkcs_support(const Token& token);

}  // namespace v6hsm::token
