// Driving the fault-injecting PKCS#11 module (tests/support/fault_module.cpp, where the rule grammar is
// documented) from a test:
//
//   auto module = token::Module::load(fault_module_path());      // forwards to SoftHSM2
//   ... set-up calls, not counted against the rules below ...
//   FaultRules faults("C_Decrypt:1:CKR_SESSION_CLOSED:reset");   // counts restart here
//   ... the operation under test ...
//   EXPECT_EQ(faults.injected(), 1U);                            // the fault really fired
//
// The rules are cleared again when the FaultRules object goes away.
#pragma once

#include <filesystem>
#include <string>

namespace v6hsm::testing {

inline constexpr const char* kFaultRulesVariable = "V6HSM_FAULT";

std::filesystem::path fault_module_path();

class FaultRules {
 public:
  // The fault module must already be loaded (by Module::load); throws std::runtime_error otherwise or
  // when the rules do not parse.
  explicit FaultRules(const std::string& rules);
  ~FaultRules();
  FaultRules(const FaultRules&) = delete;
  FaultRules& operator=(const FaultRules&) = delete;

  // How many calls were failed on purpose since these rules were armed.
  unsigned long injected() const;

 private:
  void* library_;
  int (*configure_)(const char*) = nullptr;
  unsigned long (*injected_)() = nullptr;
};

}  // namespace v6hsm::testing
