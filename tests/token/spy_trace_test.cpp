// What the token actually receives, seen through OpenSC's pkcs11-spy: CKM_RSA_PKCS for every secret, and
// never a read of a private key component.
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

class SpyTraceTest : public TokenTest, public ::testing::WithParamInterface<token::RecoveryStrategy> {};

TEST_P(SpyTraceTest, TokenSeesRsaPkcsAndNoPrivateAttributeRead) {
  if (!std::filesystem::exists(kSpyModule)) {
    GTEST_SKIP() << "OpenSC's pkcs11-spy is not installed";
  }
  // Provisioning happens without the spy: importing legitimately sends the private components once.
  token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs1")), spec_with_label("traced"));
  const auto trace_file = sandbox_.directory() / "spy.log";
  setenv("PKCS11SPY", module_->path().c_str(), 1);
  setenv("PKCS11SPY_OUTPUT", trace_file.c_str(), 1);
  {
    // The spy forwards to the already initialized SoftHSM2, so this Module does not own the
    // initialization and leaves the finalization to the fixture's Module.
    const auto spied_module = token::Module::load(kSpyModule);
    auto spied = open_logged_in(spied_module, kTokenLabel);
    const token::TokenKey key = token::TokenKey::open(spied, token::KeyRef::by_label("traced"), GetParam());
    const Bytes plaintext = to_bytes("{\"spied\": true}");
    EXPECT_EQ(decrypt_string(key, encrypt_to_string(plaintext, key.public_key())), plaintext);
    build_capability_report(spied, token::KeyRef::by_label("traced"));
  }
  unsetenv("PKCS11SPY");
  unsetenv("PKCS11SPY_OUTPUT");

  std::stringstream trace;
  trace << std::ifstream(trace_file).rdbuf();
  const std::string text = trace.str();
  const char* const operation = GetParam() == token::RecoveryStrategy::unwrap ? "C_UnwrapKey" : "C_DecryptInit";
  const auto call = text.find(operation);
  ASSERT_NE(call, std::string::npos) << "no " << operation << " in the trace";
  EXPECT_EQ(mechanism_after(text, call), "CKM_RSA_PKCS");
  EXPECT_EQ(text.find("pMechanism->type = CKM_RSA_PKCS_OAEP"), std::string::npos);
  for (const char* secret_attribute : {"CKA_PRIVATE_EXPONENT", "CKA_PRIME_1", "CKA_PRIME_2", "CKA_EXPONENT_1",
                                       "CKA_EXPONENT_2", "CKA_COEFFICIENT"}) {
    EXPECT_EQ(text.find(secret_attribute), std::string::npos) << secret_attribute << " appears in the trace";
  }
}

INSTANTIATE_TEST_SUITE_P(Strategies, SpyTraceTest,
                         ::testing::Values(token::RecoveryStrategy::decrypt, token::RecoveryStrategy::unwrap),
                         [](const auto& test) { return std::string(token::strategy_name(test.param)); });

}  // namespace
}  // namespace v6hsm::testing
