#include "v6hsm/token/capability_report.hpp"

#include "token/module_impl.hpp"
#include "token/named_flags.hpp"
#include "token/token_state.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/key_store.hpp"

namespace v6hsm::token {
namespace {

// The mechanisms v6hsm uses or that explain a token's behaviour with vantage6 payloads.
constexpr NamedConstant kRelevantMechanisms[] = {
    {CKM_RSA_PKCS_KEY_PAIR_GEN, "CKM_RSA_PKCS_KEY_PAIR_GEN"},
    {CKM_RSA_PKCS, "CKM_RSA_PKCS"},
    {CKM_RSA_PKCS_OAEP, "CKM_RSA_PKCS_OAEP"},
    {CKM_AES_CTR, "CKM_AES_CTR"},
};

constexpr NamedConstant kMechanismFlags[] = {
    {CKF_HW, "CKF_HW"},           {CKF_ENCRYPT, "CKF_ENCRYPT"},   {CKF_DECRYPT, "CKF_DECRYPT"},
    {CKF_DIGEST, "CKF_DIGEST"},   {CKF_SIGN, "CKF_SIGN"},         {CKF_VERIFY, "CKF_VERIFY"},
    {CKF_GENERATE, "CKF_GENERATE"}, {CKF_GENERATE_KEY_PAIR, "CKF_GENERATE_KEY_PAIR"},
    {CKF_WRAP, "CKF_WRAP"},       {CKF_UNWRAP, "CKF_UNWRAP"},     {CKF_DERIVE, "CKF_DERIVE"},
};

MechanismReport query_mechanism(const Token& token, const NamedConstant& mechanism) {
  MechanismReport report;
  report.type = mechanism.value;
  report.name = mechanism.name;
  CK_MECHANISM_INFO info{};
  const CK_RV rv = api(token.module()).C_GetMechanismInfo(token.state().slot, mechanism.value, &info);
  if (rv == CKR_MECHANISM_INVALID) {
    return report;
  }
  check(rv, "C_GetMechanismInfo", std::string("querying ") + mechanism.name);
  report.supported = true;
  report.min_key_size = info.ulMinKeySize;
  report.max_key_size = info.ulMaxKeySize;
  report.flags = info.flags;
  report.flag_names = names_of_set_flags(info.flags, kMechanismFlags);
  return report;
}

void add_pin_problems(const TokenInfo& token, std::vector<std::string>& problems) {
  if (token.user_pin_locked()) problems.emplace_back("the user PIN is locked (CKF_USER_PIN_LOCKED)");
  if (token.user_pin_final_try()) problems.emplace_back("the user PIN has one attempt left (CKF_USER_PIN_FINAL_TRY)");
  if (token.user_pin_count_low()) problems.emplace_back("a wrong user PIN was entered recently (CKF_USER_PIN_COUNT_LOW)");
  if (!token.user_pin_initialized()) problems.emplace_back("the user PIN is not set (no CKF_USER_PIN_INITIALIZED)");
}

void add_key(CapabilityReport& report, Token& token, const KeyRef& ref) {
  try {
    report.key = find_key(token, ref);
    for (auto& warning : attribute_warnings(report.key->attributes)) {
      report.problems.push_back(std::move(warning));
    }
    report.strategy = choose_strategy(RecoveryStrategy::automatic, report.key->attributes, rsa_pkcs_support(token));
  } catch (const Error& error) {
    report.problems.emplace_back(error.what());
  }
}

}  // namespace

RsaPkcsSupport rsa_pkcs_support(const Token& token) {
  const MechanismReport rsa = query_mechanism(token, kRelevantMechanisms[1]);
  return RsaPkcsSupport{(rsa.flags & CKF_DECRYPT) != 0, (rsa.flags & CKF_UNWRAP) != 0};
}

CapabilityReport build_capability_report(Token& token, const std::optional<KeyRef>& key) {
  CapabilityReport report;
  report.module = token.module().info();
  report.token = token.info();
  for (const auto& mechanism : kRelevantMechanisms) {
    report.mechanisms.push_back(query_mechanism(token, mechanism));
  }
  add_pin_problems(report.token, report.problems);
  if (key) {
    add_key(report, token, *key);
  }
  return report;
}

}  // namespace v6hsm::token
