// What the token actually receives, seen through OpenSC's pkcs11-spy: CKM_RSA_PKCS for every secret, and
// never a read of a private key component.
#include <dlfcn.h>

#include <fstream>
#include <sstream>

#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

constexpr const char* kSpyModule = "/usr/lib/x86_64-linux-gnu/pkcs11-spy.so";

// The mechanism of the first call after `position`, as the spy prints it ("pMechanism->type = CKM_...").
std::string mechanism_after(const std::string& trace, std::size_t position) {
  static const std::string kField = "pMechanism->type = ";
  const auto field = trace.find(kField, position);
  if (field == std::string::npos) return "";
  const auto start = field + kField.size();
  return trace.substr(start, trace.find_first_of(" \n", start) - start);
}

// One spy session for both strategies: the spy opens its output file once per process, and stays loaded.
TEST_F(TokenTest, SpyTraceShowsRsaPkcsForBothStrategiesAndNoPrivateAttributeRead) {
  if (!std::filesystem::exists(kSpyModule)) {
    GTEST_SKIP() << "OpenSC's pkcs11-spy is not installed";
  }
  // Provisioning happens without the spy: importing legitimately sends the private components once.
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_label("traced"));
  const auto trace_file = sandbox_.directory() / "spy.log";
  setenv("PKCS11SPY", module_->path().c_str(), 1);
  setenv("PKCS11SPY_OUTPUT", trace_file.c_str(), 1);
  // The spy must own the module's initialization, so that its C_Finalize runs and frees what it
  // allocated: drop the fixture's module first.
  token_.reset();
  module_.reset();
  // Kept loaded for the life of the process, so that LeakSanitizer can name the spy's own leak (see
  // tests/support/lsan.supp) instead of an unknown, unloaded module.
  ASSERT_NE(dlopen(kSpyModule, RTLD_NOW | RTLD_NODELETE), nullptr);
  {
    const auto spied_module = token::Module::load(kSpyModule);
    EXPECT_TRUE(spied_module->info().owns_initialization);
    auto spied = open_logged_in(spied_module, kTokenLabel);
    for (const auto strategy : {token::RecoveryStrategy::decrypt, token::RecoveryStrategy::unwrap}) {
      const token::TokenKey key = token::TokenKey::open(spied, token::KeyRef::by_label("traced"), strategy);
      const Bytes plaintext = to_bytes("{\"spied\": true}");
      EXPECT_EQ(decrypt_string(key, encrypt_to_string(plaintext, key.public_key())), plaintext);
    }
    build_capability_report(spied, token::KeyRef::by_label("traced"));
  }
  unsetenv("PKCS11SPY");
  unsetenv("PKCS11SPY_OUTPUT");

  std::stringstream trace;
  trace << std::ifstream(trace_file).rdbuf();
  const std::string text = trace.str();
  for (const char* operation : {"C_DecryptInit", "C_UnwrapKey"}) {
    const auto call = text.find(operation);
    ASSERT_NE(call, std::string::npos) << "no " << operation << " in the trace";
    EXPECT_EQ(mechanism_after(text, call), "CKM_RSA_PKCS") << operation;
  }
  EXPECT_EQ(text.find("pMechanism->type = CKM_RSA_PKCS_OAEP"), std::string::npos);
  for (const char* secret_attribute : {"CKA_PRIVATE_EXPONENT", "CKA_PRIME_1", "CKA_PRIME_2", "CKA_EXPONENT_1",
                                       "CKA_EXPONENT_2", "CKA_COEFFICIENT"}) {
    EXPECT_EQ(text.find(secret_attribute), std::string::npos) << secret_attribute << " appears in the trace";
  }
}

}  // namespace
}  // namespace v6hsm::testing
