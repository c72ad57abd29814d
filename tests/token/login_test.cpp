// Modules, tokens and logging in: every way it can go wrong says what is wrong.
#include <cstdlib>
#include <fstream>

#include "support/softhsm_sandbox.hpp"
#include "token_test_fixture.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"

namespace v6hsm::testing {
namespace {

using token::LoginRequest;
using token::Module;
using token::Pkcs11Error;
using token::Token;
using token::TokenError;
using token::TokenSelector;

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& error) {
    return error.what();
  }
  return "no error";
}

class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : name_(name) {
    if (const char* previous = std::getenv(name)) previous_ = previous;
    value != nullptr ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnvironment() { previous_ ? setenv(name_, previous_->c_str(), 1) : unsetenv(name_); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> previous_;
};

TEST(ModulePath, ExplicitPathBeatsEnvironmentWhichBeatsTheDefault) {
  const ScopedEnvironment environment(token::kModuleEnvironmentVariable, "/usr/lib/softhsm/libsofthsm2.so");
  EXPECT_EQ(token::resolve_module_path(), "/usr/lib/softhsm/libsofthsm2.so");
  EXPECT_EQ(token::resolve_module_path(std::filesystem::path(V6HSM_SOURCE_DIR "/CMakeLists.txt")),
            V6HSM_SOURCE_DIR "/CMakeLists.txt");
  const ScopedEnvironment unset(token::kModuleEnvironmentVariable, nullptr);
  EXPECT_EQ(token::resolve_module_path(), "/usr/lib/softhsm/libsofthsm2.so");
}

TEST(ModulePath, MissingModuleSaysWhereThePathCameFrom) {
  const ScopedEnvironment environment(token::kModuleEnvironmentVariable, "/nonexistent/module.so");
  const std::string message = message_of([] { token::resolve_module_path(); });
  EXPECT_NE(message.find("V6HSM_MODULE"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/module.so"), std::string::npos) << message;
  EXPECT_THROW(token::resolve_module_path(std::filesystem::path("/nonexistent/explicit.so")), InputError);
}

TEST(ModuleLoad, FileThatIsNotAModuleIsRefused) {
  EXPECT_THROW(Module::load(V6HSM_SOURCE_DIR "/CMakeLists.txt"), InputError);
  EXPECT_THROW(Module::load("/usr/lib/x86_64-linux-gnu/libc.so.6"), InputError);
}

TEST(ModuleLoad, MissingSoftHsmConfigurationGetsItsOwnMessage) {
  const ScopedEnvironment environment("SOFTHSM2_CONF", "/nonexistent/softhsm2.conf");
  const std::string message = message_of([] { Module::load(token::resolve_module_path()); });
  EXPECT_NE(message.find("SOFTHSM2_CONF"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/softhsm2.conf"), std::string::npos) << message;
}

TEST(ModuleLoad, MissingSoftHsmTokenDirectoryGetsItsOwnMessage) {
  const SoftHsmSandbox sandbox;
  std::filesystem::remove_all(sandbox.token_directory());
  const std::string message = message_of([] { Module::load(token::resolve_module_path()); });
  EXPECT_NE(message.find(sandbox.token_directory().string()), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(Tokens, ListingShowsInitializedTokensAndTheFreeSlot) {
  const SoftHsmSandbox sandbox;
  const std::string serial = sandbox.create_token("listed");
  const auto module = Module::load(token::resolve_module_path());
  const auto tokens = module->tokens();
  ASSERT_EQ(tokens.size(), 2U);
  const auto& listed = token::select_token(tokens, TokenSelector::by_label("listed"));
  EXPECT_EQ(listed.serial, serial);
  EXPECT_TRUE(listed.initialized());
  EXPECT_TRUE(listed.login_required());
  EXPECT_TRUE(listed.user_pin_initialized());
  EXPECT_FALSE(listed.protected_authentication_path());
  EXPECT_EQ(listed.manufacturer, "SoftHSM project");
  EXPECT_EQ(token::select_token(tokens, TokenSelector::by_serial(serial)).label, "listed");
  EXPECT_FALSE(token::first_uninitialized_token(*module).initialized());
  EXPECT_EQ(module->info().manufacturer, "SoftHSM");
  EXPECT_TRUE(module->info().owns_initialization);
}

TEST(Tokens, MissingLabelIsNotFoundAndUninitializedTokenIsRefused) {
  const SoftHsmSandbox sandbox;
  sandbox.create_token("present");
  const auto module = Module::load(token::resolve_module_path());
  try {
    Token::open(module, TokenSelector::by_label("absent"));
    FAIL() << "expected NotFoundError";
  } catch (const NotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("present"), std::string::npos) << error.what();
  }
  const std::string message =
      message_of([&] { Token::open(module, token::first_uninitialized_token(*module).slot_id); });
  EXPECT_NE(message.find("not initialized"), std::string::npos) << message;
}

TEST(Login, WrongPinNamesTheCodeAndIsNotRetriedAndTheNextLoginWarns) {
  const SoftHsmSandbox sandbox;
  sandbox.create_token("org");
  const auto module = Module::load(token::resolve_module_path());
  auto token = Token::open(module, TokenSelector::by_label("org"));
  LoginRequest wrong;
  wrong.pin_value = secret("not-the-pin");
  try {
    token.login(wrong);
    FAIL() << "expected Pkcs11Error";
  } catch (const Pkcs11Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.function(), "C_Login");
    EXPECT_NE(message.find("CKR_PIN_INCORRECT (0x000000A0)"), std::string::npos) << message;
    EXPECT_EQ(message.find("not-the-pin"), std::string::npos) << message;
    EXPECT_EQ(error.kind(), ErrorKind::token);
  }
  EXPECT_FALSE(token.logged_in());
  const auto report = token.login(LoginRequest::from_source(user_pin_source()));
  EXPECT_TRUE(token.logged_in());
  ASSERT_FALSE(report.warnings.empty());
  EXPECT_NE(report.warnings.front().find("CKF_USER_PIN_COUNT_LOW"), std::string::npos);
  EXPECT_TRUE(token.login(LoginRequest{}).already_logged_in);
}

TEST(Login, TokenWithoutUserPinIsRefusedBeforeTrying) {
  const SoftHsmSandbox sandbox;
  sandbox.create_token("no-user-pin", false);
  const auto module = Module::load(token::resolve_module_path());
  auto token = Token::open(module, TokenSelector::by_label("no-user-pin"));
  const std::string message = message_of([&] { token.login(LoginRequest::from_source(user_pin_source())); });
  EXPECT_NE(message.find("CKF_USER_PIN_INITIALIZED"), std::string::npos) << message;
}

TEST(Login, NoPinSourceIsAUsageError) {
  const SoftHsmSandbox sandbox;
  sandbox.create_token("org");
  auto token = Token::open(Module::load(token::resolve_module_path()), TokenSelector::by_label("org"));
  EXPECT_THROW(token.login(LoginRequest{}), InputError);
}

TEST(Login, UriPinValueAndPinSourceBothWork) {
  const SoftHsmSandbox sandbox;
  sandbox.create_token("org");
  const auto pin_file = sandbox.directory() / "pin";
  std::ofstream(pin_file) << kUserPin << "\n";
  for (const std::string& uri : {"pkcs11:token=org?pin-value=" + std::string(kUserPin),
                                "pkcs11:token=org?pin-source=" + pin_file.string(),
                                "pkcs11:token=org?pin-source=file:" + pin_file.string()}) {
    const auto parsed = token::parse_pkcs11_uri(uri);
    auto token = Token::open(Module::load(token::resolve_module_path()), TokenSelector::from_uri(parsed));
    token.login(LoginRequest::from_uri(parsed));
    EXPECT_TRUE(token.logged_in()) << uri;
  }
}

}  // namespace
}  // namespace v6hsm::testing
