#include "v6hsm/token/token.hpp"

#include <algorithm>
#include <cstring>

#include "token/module_impl.hpp"
#include "token/session_recovery.hpp"
#include "token/token_state.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"

namespace v6hsm::token {
namespace {

constexpr std::size_t kLabelFieldSize = 32;

CK_UTF8CHAR* pin_pointer(const SecureBytes& pin) {
  // PKCS#11 takes PINs through non-const pointers but never writes to them.
  return const_cast<CK_UTF8CHAR*>(pin.data());
}

void refuse_unusable_user_pin(const TokenInfo& token, const std::string& description) {
  if (token.user_pin_locked()) {
    throw TokenError("the user PIN of " + description +
                     " is locked (CKF_USER_PIN_LOCKED); the security officer must reset it");
  }
  if (!token.user_pin_initialized() && !token.protected_authentication_path()) {
    throw TokenError("the user PIN of " + description +
                     " has not been set (no CKF_USER_PIN_INITIALIZED); set it with the SO PIN first");
  }
}

void collect_pin_warnings(const TokenInfo& token, const std::string& description,
                          std::vector<std::string>& warnings) {
  if (token.user_pin_final_try()) {
    warnings.push_back("the user PIN of " + description +
                       " has one attempt left (CKF_USER_PIN_FINAL_TRY): a wrong PIN will lock it");
  } else if (token.user_pin_count_low()) {
    warnings.push_back("a wrong user PIN was entered for " + description +
                       " recently (CKF_USER_PIN_COUNT_LOW): few attempts are left before it locks");
  }
}

// A session lost under C_Login is opened again and the login tried once more. Call with anchor_mutex held.
CK_RV user_login(Token::State& state, const SecureBytes* pin) {
  const CK_RV rv = log_in_user(state.anchor, pin);
  if (!is_session_loss(rv)) {
    return rv;
  }
  state.anchor_info();
  return log_in_user(state.anchor, pin);
}

// A PIN typed at the prompt may be typed again after a typo; any other PIN gets exactly one attempt,
// because retrying the same wrong value only burns the token's remaining tries. Returns the PIN that worked.
SecureBytes log_in_with_pin(Token::State& state, const LoginRequest& request, const std::string& name) {
  const std::string operation = "logging in to " + name;
  if (request.pin_value) {
    check(user_login(state, &*request.pin_value), "C_Login", operation + " with the URI pin-value");
    return *request.pin_value;
  }
  if (!request.pin_source) {
    throw InputError(name + " needs the user PIN: give it as env:NAME, file:PATH or prompt, or as a URI "
                     "pin-source / pin-value");
  }
  const bool interactive = request.pin_source->kind() == SecretSource::Kind::prompt;
  const int attempts = interactive ? std::max(1, request.prompt_attempts) : 1;
  CK_RV rv = CKR_PIN_INCORRECT;
  SecureBytes pin;
  for (int attempt = 1; attempt <= attempts && rv == CKR_PIN_INCORRECT; ++attempt) {
    pin = request.pin_source->read(attempt == 1 ? "user PIN" : "user PIN (wrong, try again)");
    rv = user_login(state, &pin);
  }
  check(rv, "C_Login", operation + " with the PIN from " + request.pin_source->describe());
  return pin;
}

// Logs the security officer out again however initialization ends.
class SecurityOfficerLogin {
 public:
  SecurityOfficerLogin(const Session& session, const SecureBytes& so_pin) : session_(session) {
    check(session_.api().C_Login(session_.handle(), CKU_SO, pin_pointer(so_pin), so_pin.size()), "C_Login",
          "logging in as security officer");
  }
  ~SecurityOfficerLogin() { static_cast<void>(session_.api().C_Logout(session_.handle())); }
  SecurityOfficerLogin(const SecurityOfficerLogin&) = delete;
  SecurityOfficerLogin& operator=(const SecurityOfficerLogin&) = delete;

 private:
  const Session& session_;
};

}  // namespace

void initialize_token(const Module& module, unsigned long slot_id, const SecureBytes& so_pin,
                      std::string_view label) {
  if (label.empty() || label.size() > kLabelFieldSize) {
    throw InputError("a token label must be 1 to 32 bytes long");
  }
  CK_UTF8CHAR padded[kLabelFieldSize];
  std::memset(padded, ' ', sizeof padded);
  std::memcpy(padded, label.data(), label.size());
  check(api(module).C_InitToken(slot_id, pin_pointer(so_pin), so_pin.size(), padded), "C_InitToken",
        "initializing the token in slot " + std::to_string(slot_id));
}

TokenInfo first_uninitialized_token(const Module& module) {
  for (const auto& token : module.tokens()) {
    if (!token.initialized()) {
      return token;
    }
  }
  throw NotFoundError("module " + module.path().string() + " has no uninitialized token to set up");
}

Token::Token(std::shared_ptr<State> state) : state_(std::move(state)) {}

Token Token::open(std::shared_ptr<Module> module, const TokenSelector& selector) {
  const TokenInfo chosen = select_token(module->tokens(), selector);
  return open(std::move(module), chosen.slot_id);
}

Token Token::open(std::shared_ptr<Module> module, unsigned long slot_id) {
  if (!module->token_info(slot_id).initialized()) {
    throw TokenError("the token in slot " + std::to_string(slot_id) +
                     " is not initialized; initialize it (SO PIN and label) before using it");
  }
  return Token(std::make_shared<State>(std::move(module), slot_id));
}

TokenInfo Token::info() const { return state_->module->token_info(state_->slot); }

const Module& Token::module() const noexcept { return *state_->module; }

std::string Token::description() const {
  const TokenInfo token = info();
  return "token '" + token.label + "' (serial " + token.serial + ")";
}

bool Token::logged_in() const {
  const std::lock_guard lock(state_->anchor_mutex);
  const CK_SESSION_INFO session = state_->anchor_info();
  return session.state == CKS_RO_USER_FUNCTIONS || session.state == CKS_RW_USER_FUNCTIONS;
}

LoginReport Token::login(const LoginRequest& request) {
  const TokenInfo before = info();
  const std::string name = description();
  LoginReport report;
  report.protected_authentication_path = before.protected_authentication_path();
  if (logged_in()) {
    report.already_logged_in = true;
    return report;
  }
  refuse_unusable_user_pin(before, name);
  collect_pin_warnings(before, name, report.warnings);
  const std::lock_guard lock(state_->anchor_mutex);
  if (report.protected_authentication_path) {
    // The PIN is entered on the device itself; PKCS#11 asks for a NULL PIN here.
    check(user_login(*state_, nullptr), "C_Login",
          "logging in to " + name + " through its protected authentication path");
  } else {
    state_->credential = LoginCredential{log_in_with_pin(*state_, request, name)};
  }
  if (report.warnings.empty()) {
    collect_pin_warnings(info(), name, report.warnings);
  }
  return report;
}

void Token::initialize_user_pin(const SecureBytes& so_pin, const SecureBytes& user_pin) {
  state_->pool.close_idle();  // the security officer cannot log in while read-only sessions exist
  const std::lock_guard lock(state_->anchor_mutex);
  const Session& session = state_->anchor;
  const SecurityOfficerLogin security_officer(session, so_pin);
  check(session.api().C_InitPIN(session.handle(), pin_pointer(user_pin), user_pin.size()), "C_InitPIN",
        "setting the user PIN of " + description());
}

}  // namespace v6hsm::token
