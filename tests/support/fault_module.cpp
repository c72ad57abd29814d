// A PKCS#11 module for tests that forwards every call to a real module (SoftHSM2 by default) and makes
// chosen calls fail on purpose.
//
//   V6HSM_FAULT_TARGET  the real module (default /usr/lib/softhsm/libsofthsm2.so)
//   V6HSM_FAULT         rules, read at every C_Initialize, separated by commas:
//                         FUNCTION:CALLS:CKR_NAME[:EFFECT]   or   FUNCTION:CALLS:abort
//                       CALLS is N (only the Nth call) or N+ (the Nth and every later call), counted
//                       from C_Initialize or from v6hsm_fault_configure(). CKR_NAME may also be a number
//                       (0x32). EFFECT says what happens besides the returned code:
//                         (none)   the call is not forwarded: the token never sees it. Any operation that
//                                  was initialized stays active, exactly as after a real
//                                  CKR_BUFFER_TOO_SMALL, which is the realistic stale state;
//                         forward  the call is forwarded first and its result replaced: the token did the
//                                  work (objects created) but the caller hears of a failure;
//                         reset    the token "was pulled out and put back": every session on every slot is
//                                  closed in the real module (which also logs the application out), then
//                                  the code is returned without forwarding. Realistic for
//                                  CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_DEVICE_REMOVED.
//                       abort forwards the call and then abort()s the process: the call's effect is on
//                       the token, and nothing after it ran (the interrupted-provisioning tests).
//
// Tests that need to aim at one call of an operation arm the rules after their set-up through the
// exported v6hsm_fault_configure(), and check with v6hsm_fault_injected() that the fault really fired.
// Everything here is plain forwarding; no PKCS#11 behaviour is imitated.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <p11-kit/pkcs11.h>

namespace {

#define V6HSM_PKCS11_FUNCTIONS(X)                                                                          \
  X(C_Initialize) X(C_Finalize) X(C_GetInfo) X(C_GetSlotList) X(C_GetSlotInfo) X(C_GetTokenInfo)          \
  X(C_GetMechanismList) X(C_GetMechanismInfo) X(C_InitToken) X(C_InitPIN) X(C_SetPIN) X(C_OpenSession)   \
  X(C_CloseSession) X(C_CloseAllSessions) X(C_GetSessionInfo) X(C_GetOperationState)                     \
  X(C_SetOperationState) X(C_Login) X(C_Logout) X(C_CreateObject) X(C_CopyObject) X(C_DestroyObject)     \
  X(C_GetObjectSize) X(C_GetAttributeValue) X(C_SetAttributeValue) X(C_FindObjectsInit) X(C_FindObjects) \
  X(C_FindObjectsFinal) X(C_EncryptInit) X(C_Encrypt) X(C_EncryptUpdate) X(C_EncryptFinal)               \
  X(C_DecryptInit) X(C_Decrypt) X(C_DecryptUpdate) X(C_DecryptFinal) X(C_DigestInit) X(C_Digest)         \
  X(C_DigestUpdate) X(C_DigestKey) X(C_DigestFinal) X(C_SignInit) X(C_Sign) X(C_SignUpdate)              \
  X(C_SignFinal) X(C_SignRecoverInit) X(C_SignRecover) X(C_VerifyInit) X(C_Verify) X(C_VerifyUpdate)     \
  X(C_VerifyFinal) X(C_VerifyRecoverInit) X(C_VerifyRecover) X(C_DigestEncryptUpdate)                    \
  X(C_DecryptDigestUpdate) X(C_SignEncryptUpdate) X(C_DecryptVerifyUpdate) X(C_GenerateKey)              \
  X(C_GenerateKeyPair) X(C_WrapKey) X(C_UnwrapKey) X(C_DeriveKey) X(C_SeedRandom) X(C_GenerateRandom)    \
  X(C_GetFunctionStatus) X(C_CancelFunction) X(C_WaitForSlotEvent)

#define V6HSM_INDEX(name) index_##name,
enum FunctionIndex : std::size_t { V6HSM_PKCS11_FUNCTIONS(V6HSM_INDEX) kFunctionCount };
#undef V6HSM_INDEX

#define V6HSM_NAME(name) #name,
constexpr std::string_view kFunctionNames[kFunctionCount] = {V6HSM_PKCS11_FUNCTIONS(V6HSM_NAME)};
#undef V6HSM_NAME

struct NamedCode {
  std::string_view name;
  CK_RV code;
};

// The codes the fault tests use, plus a few neighbours; anything else can be given as a number.
constexpr NamedCode kCodes[] = {
    {"CKR_OK", CKR_OK},
    {"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
    {"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
    {"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
    {"CKR_DEVICE_MEMORY", CKR_DEVICE_MEMORY},
    {"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
    {"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
    {"CKR_TOKEN_WRITE_PROTECTED", CKR_TOKEN_WRITE_PROTECTED},
    {"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
    {"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
    {"CKR_SESSION_READ_ONLY", CKR_SESSION_READ_ONLY},
    {"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
    {"CKR_PIN_INCORRECT", CKR_PIN_INCORRECT},
    {"CKR_PIN_EXPIRED", CKR_PIN_EXPIRED},
    {"CKR_PIN_LOCKED", CKR_PIN_LOCKED},
    {"CKR_BUFFER_TOO_SMALL", CKR_BUFFER_TOO_SMALL},
    {"CKR_OPERATION_ACTIVE", CKR_OPERATION_ACTIVE},
    {"CKR_KEY_HANDLE_INVALID", CKR_KEY_HANDLE_INVALID},
    {"CKR_OBJECT_HANDLE_INVALID", CKR_OBJECT_HANDLE_INVALID},
};

enum class Effect { none, forward, reset, abort_process };

struct Rule {
  std::size_t function = 0;
  unsigned long first_call = 0;
  bool and_later = false;
  CK_RV code = CKR_OK;
  Effect effect = Effect::none;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<unsigned long> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const unsigned long value = std::strtoul(copy.c_str(), &end, 0);
  return *end == '\0' ? std::optional<unsigned long>(value) : std::nullopt;
}

std::optional<std::size_t> parse_function(std::string_view name) {
  for (std::size_t index = 0; index < kFunctionCount; ++index) {
    if (kFunctionNames[index] == name) return index;
  }
  return std::nullopt;
}

std::optional<CK_RV> parse_code(std::string_view name) {
  for (const auto& known : kCodes) {
    if (known.name == name) return known.code;
  }
  return parse_number(name);
}

std::optional<Effect> parse_effect(std::string_view name) {
  if (name.empty()) return Effect::none;
  if (name == "forward") return Effect::forward;
  if (name == "reset") return Effect::reset;
  return std::nullopt;
}

std::optional<Rule> parse_rule(std::string_view text) {
  const auto fields = split(text, ':');
  if (fields.size() < 3 || fields.size() > 4) return std::nullopt;
  Rule rule;
  const auto function = parse_function(fields[0]);
  std::string_view calls = fields[1];
  rule.and_later = calls.ends_with('+');
  if (rule.and_later) calls.remove_suffix(1);
  const auto first_call = parse_number(calls);
  if (!function || !first_call || *first_call == 0) return std::nullopt;
  rule.function = *function;
  rule.first_call = *first_call;
  if (fields[2] == "abort" && fields.size() == 3) {
    rule.effect = Effect::abort_process;
    return rule;
  }
  const auto code = parse_code(fields[2]);
  const auto effect = parse_effect(fields.size() == 4 ? fields[3] : std::string_view{});
  if (!code || !effect) return std::nullopt;
  rule.code = *code;
  rule.effect = *effect;
  return rule;
}

struct Decision {
  bool inject = false;
  Rule rule;
};

// The rules and the call counters. One lock for both: the fault tests are not about speed, and a lock
// keeps the module clean under ThreadSanitizer when many threads call at once.
class FaultPlan {
 public:
  bool configure(std::string_view specification) {
    std::vector<Rule> rules;
    if (!specification.empty()) {
      for (const auto text : split(specification, ',')) {
        const auto rule = parse_rule(text);
        if (!rule) {
          std::fprintf(stderr, "fault module: cannot parse the rule '%.*s'\n", static_cast<int>(text.size()),
                       text.data());
          return false;
        }
        rules.push_back(*rule);
      }
    }
    const std::lock_guard lock(mutex_);
    rules_ = std::move(rules);
    calls_.assign(kFunctionCount, 0);
    injected_ = 0;
    return true;
  }

  Decision next_call(std::size_t function) {
    const std::lock_guard lock(mutex_);
    const unsigned long call = ++calls_[function];
    for (const auto& rule : rules_) {
      if (rule.function == function && (call == rule.first_call || (rule.and_later && call > rule.first_call))) {
        ++injected_;
        return {true, rule};
      }
    }
    return {};
  }

  unsigned long injected() {
    const std::lock_guard lock(mutex_);
    return injected_;
  }

 private:
  std::mutex mutex_;
  std::vector<Rule> rules_;
  std::vector<unsigned long> calls_ = std::vector<unsigned long>(kFunctionCount, 0);
  unsigned long injected_ = 0;
};

FaultPlan& plan() {
  static FaultPlan instance;
  return instance;
}

// The real module stays loaded until this one is unloaded.
class RealModule {
 public:
  RealModule() {
    const char* configured = std::getenv("V6HSM_FAULT_TARGET");
    const char* path = configured != nullptr && *configured != '\0' ? configured : "/usr/lib/softhsm/libsofthsm2.so";
    library_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library_ == nullptr) {
      std::fprintf(stderr, "fault module: cannot load the real module %s: %s\n", path, dlerror());
      return;
    }
    auto* get_function_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library_, "C_GetFunctionList"));
    if (get_function_list == nullptr || get_function_list(&functions_) != CKR_OK) functions_ = nullptr;
  }
  ~RealModule() {
    if (library_ != nullptr) dlclose(library_);
  }
  RealModule(const RealModule&) = delete;
  RealModule& operator=(const RealModule&) = delete;

  CK_FUNCTION_LIST* functions() const noexcept { return functions_; }

 private:
  void* library_ = nullptr;
  CK_FUNCTION_LIST* functions_ = nullptr;
};

RealModule& real_module() {
  static RealModule instance;
  return instance;
}

const CK_FUNCTION_LIST& real() { return *real_module().functions(); }

void close_every_session() {
  CK_ULONG count = 0;
  if (real().C_GetSlotList(CK_FALSE, nullptr, &count) != CKR_OK) return;
  std::vector<CK_SLOT_ID> slots(count);
  if (real().C_GetSlotList(CK_FALSE, slots.data(), &count) != CKR_OK) return;
  for (CK_ULONG index = 0; index < count; ++index) {
    static_cast<void>(real().C_CloseAllSessions(slots[index]));
  }
}

template <typename Call>
CK_RV apply(const Decision& decision, const Call& forward) {
  if (!decision.inject) return forward();
  switch (decision.rule.effect) {
    case Effect::abort_process:
      static_cast<void>(forward());
      std::fprintf(stderr, "fault module: aborting after %s as asked\n",
                   std::string(kFunctionNames[decision.rule.function]).c_str());
      std::abort();
    case Effect::forward:
      static_cast<void>(forward());
      return decision.rule.code;
    case Effect::reset:
      close_every_session();
      return decision.rule.code;
    case Effect::none:
      break;
  }
  return decision.rule.code;
}

template <typename Pointer>
struct Forwarder;

template <typename... Arguments>
struct Forwarder<CK_RV (*)(Arguments...)> {
  template <std::size_t Index, auto Member>
  static CK_RV call(Arguments... arguments) {
    return apply(plan().next_call(Index), [&] { return (real().*Member)(arguments...); });
  }
};

// C_Initialize of our table: the rules are read from the environment each time the module is set up,
// then the call goes through the table like any other.
CK_RV initialize(void* arguments) {
  const char* rules = std::getenv("V6HSM_FAULT");
  if (!plan().configure(rules != nullptr ? rules : "")) return CKR_ARGUMENTS_BAD;
  return Forwarder<CK_C_Initialize>::call<index_C_Initialize, &CK_FUNCTION_LIST::C_Initialize>(arguments);
}

CK_FUNCTION_LIST make_table() {
  CK_FUNCTION_LIST table{};
  table.version = real().version;
#define V6HSM_INSTALL(name) \
  table.name = &Forwarder<decltype(CK_FUNCTION_LIST::name)>::call<index_##name, &CK_FUNCTION_LIST::name>;
  V6HSM_PKCS11_FUNCTIONS(V6HSM_INSTALL)
#undef V6HSM_INSTALL
  table.C_Initialize = &initialize;
  table.C_GetFunctionList = &C_GetFunctionList;  // declared by pkcs11.h, defined below: our own table
  return table;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST** list) {
  if (list == nullptr) return CKR_ARGUMENTS_BAD;
  if (real_module().functions() == nullptr) return CKR_GENERAL_ERROR;
  static CK_FUNCTION_LIST table = make_table();
  *list = &table;
  return CKR_OK;
}

// Replaces the rules and restarts the call counts; returns 0, or -1 when a rule cannot be parsed.
__attribute__((visibility("default"))) int v6hsm_fault_configure(const char* rules) {
  return plan().configure(rules != nullptr ? rules : "") ? 0 : -1;
}

// How many calls were failed on purpose since the rules were last set.
__attribute__((visibility("default"))) unsigned long v6hsm_fault_injected() { return plan().injected(); }

}  // extern "C"
