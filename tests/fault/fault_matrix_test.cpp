// Every token operation v6hsm performs x every failure code a token can throw at it. Each cell ends in a
// recovery with the right result (the lost-session codes), or in a clear error: the uniform
// DecryptionError for secret recovery, and otherwise a v6hsm::Error of the right kind whose message names
// the failed function and the CKR_ code. Write operations leave no half-made key behind.
#include <atomic>
#include <functional>
#include <thread>
#include <tuple>

#include "fault_fixture.hpp"
#include "token/pkcs11.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/return_codes.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

using token::KeyRef;
using token::RecoveryStrategy;
using token::TokenKey;

struct Cell;

// One token operation: which call of it fails, how to get ready (not counted), and the action itself,
// which checks its own result when it succeeds.
struct Operation {
  const char* name;
  const char* failing_call;  // "FUNCTION:N"
  bool secret_recovery;      // failures must be the uniform DecryptionError
  bool creates_key;
  std::function<void(Cell&)> prepare;
  std::function<void(Cell&)> act;
};

struct Cell {
  token::Token& token;
  std::string label;  // unique per cell, for keys the cell creates
  std::optional<TokenKey> key;
  std::string wire;  // a payload for `key`
};

constexpr const char* kPlaintext = "{\"fault\": \"matrix\"}";

void log_in(Cell& cell) { cell.token.login(token::LoginRequest::from_source(user_pin_source())); }

std::function<void(Cell&)> open_key(RecoveryStrategy strategy) {
  return [strategy](Cell& cell) {
    log_in(cell);
    cell.key.emplace(TokenKey::open(cell.token, KeyRef::by_label(kFixedKeyLabel), strategy));
    cell.wire = encrypt_to_string(as_bytes(kPlaintext), cell.key->public_key());
  };
}

void decrypt_and_check(Cell& cell) { EXPECT_EQ(to_string(decrypt_string(*cell.key, cell.wire)), kPlaintext); }

void find_and_check(Cell& cell) {
  const auto key = token::find_key(cell.token, KeyRef::by_label(kFixedKeyLabel));
  EXPECT_EQ(key.label, kFixedKeyLabel);
  EXPECT_TRUE(key.has_public_object);
  EXPECT_TRUE(key.attributes.sensitive);
  EXPECT_FALSE(key.attributes.extractable);
}

void list_and_check(Cell& cell) {
  const auto keys = token::list_keys(cell.token);
  EXPECT_TRUE(std::any_of(keys.begin(), keys.end(), [](const auto& key) { return key.label == kFixedKeyLabel; }));
}

void generate_and_check(Cell& cell) {
  const auto result = token::generate_key(cell.token, spec_with_label(cell.label));
  EXPECT_FALSE(result.reused);
  EXPECT_EQ(result.key.label, cell.label);
  EXPECT_TRUE(result.key.has_public_object);
}

void import_and_check(Cell& cell) {
  auto spec = spec_with_label(cell.label);
  spec.id = to_bytes(cell.label);  // the vector key is imported once per cell, so the id must differ too
  const auto result = token::import_key_pem(cell.token, as_bytes(private_pem("A", "pkcs8")), spec);
  EXPECT_FALSE(result.reused);
  EXPECT_EQ(result.key.label, cell.label);
  EXPECT_TRUE(result.key.has_public_object);
}

const Operation kOperations[] = {
    {"session_open", "C_OpenSession:1", false, false, log_in, find_and_check},
    {"login", "C_Login:1", false, false, [](Cell&) {}, [](Cell& cell) {
       log_in(cell);
       EXPECT_TRUE(cell.token.logged_in());
     }},
    {"find_init", "C_FindObjectsInit:1", false, false, log_in, list_and_check},
    {"find_next", "C_FindObjects:1", false, false, log_in, find_and_check},
    {"attribute_read", "C_GetAttributeValue:1", false, false, log_in, find_and_check},
    {"attribute_read_later", "C_GetAttributeValue:6", false, false, log_in, find_and_check},
    {"key_generation", "C_GenerateKeyPair:1", false, true, log_in, generate_and_check},
    {"import_private", "C_CreateObject:1", false, true, log_in, import_and_check},
    {"import_public", "C_CreateObject:2", false, true, log_in, import_and_check},
    {"decrypt_init", "C_DecryptInit:1", true, false, open_key(RecoveryStrategy::decrypt), decrypt_and_check},
    {"decrypt", "C_Decrypt:1", true, false, open_key(RecoveryStrategy::decrypt), decrypt_and_check},
    {"unwrap", "C_UnwrapKey:1", true, false, open_key(RecoveryStrategy::unwrap), decrypt_and_check},
    {"unwrapped_value_read", "C_GetAttributeValue:1", true, false, open_key(RecoveryStrategy::unwrap),
     decrypt_and_check},
};

struct Code {
  const char* name;
  CK_RV value;
};

const Code kCodes[] = {
    {"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
    {"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
    {"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
    {"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
    {"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
    {"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
    {"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
    {"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
    {"CKR_PIN_EXPIRED", CKR_PIN_EXPIRED},
    {"CKR_PIN_LOCKED", CKR_PIN_LOCKED},
    {"CKR_BUFFER_TOO_SMALL", CKR_BUFFER_TOO_SMALL},
    {"CKR_OPERATION_ACTIVE", CKR_OPERATION_ACTIVE},
};

bool is_session_loss(CK_RV code) { return code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED; }

std::string function_of(const char* failing_call) {
  const std::string call = failing_call;
  return call.substr(0, call.find(':'));
}

void expect_clear_error(const Operation& operation, const Code& code, const Error& error) {
  const std::string message = error.what();
  if (operation.secret_recovery) {
    EXPECT_EQ(message, DecryptionError::kMessage);
    EXPECT_EQ(error.kind(), ErrorKind::decryption);
    return;
  }
  EXPECT_NE(message.find(function_of(operation.failing_call)), std::string::npos) << message;
  EXPECT_NE(message.find(token::return_code_name(code.value)), std::string::npos) << message;
  EXPECT_EQ(error.kind(), code.value == CKR_TOKEN_NOT_PRESENT ? ErrorKind::not_found : ErrorKind::token) << message;
}

// After a failed write nothing of the cell's key may be visible; after a successful one it is complete.
void expect_no_half_made_key(token::Token& token, const std::string& label, bool succeeded) {
  const auto keys = token::list_keys(token);
  const auto found = std::find_if(keys.begin(), keys.end(), [&](const auto& key) { return key.label == label; });
  EXPECT_EQ(found != keys.end(), succeeded) << label;
  if (found != keys.end()) {
    EXPECT_TRUE(found->has_public_object);
    token::delete_key(token, KeyRef::by_label(label));
  }
}

class FaultMatrix : public FaultTest<::testing::TestWithParam<std::tuple<std::size_t, std::size_t>>> {
 protected:
  const Operation& operation() const { return kOperations[std::get<0>(GetParam())]; }
  const Code& code() const { return kCodes[std::get<1>(GetParam())]; }
};

TEST_P(FaultMatrix, EndsInRecoveryOrAClearError) {
  Cell cell{opened_token(), std::string("cell-") + operation().name + "-" + code().name, std::nullopt, {}};
  operation().prepare(cell);
  bool succeeded = false;
  {
    const FaultRules faults(std::string(operation().failing_call) + ":" + code().name);
    try {
      operation().act(cell);
      succeeded = true;
    } catch (const Error& error) {
      expect_clear_error(operation(), code(), error);
    }
    EXPECT_EQ(faults.injected(), 1U) << "the fault never reached " << operation().failing_call;
  }
  // Only a lost session is recovered from; every other code is reported.
  EXPECT_EQ(succeeded, is_session_loss(code().value));
  if (operation().creates_key) {
    expect_no_half_made_key(opened_token(), cell.label, succeeded);
  }
}

INSTANTIATE_TEST_SUITE_P(Cells, FaultMatrix,
                         ::testing::Combine(::testing::Range<std::size_t>(0, std::size(kOperations)),
                                            ::testing::Range<std::size_t>(0, std::size(kCodes))),
                         [](const auto& test) {
                           return std::string(kOperations[std::get<0>(test.param)].name) + "_" +
                                  kCodes[std::get<1>(test.param)].name;
                         });

// The token "is pulled out and put back" in the middle of an operation: every session is gone and the
// login with them. The operation restores its sessions, logs in again with the kept PIN and succeeds.
class TokenReset : public FaultTest<::testing::TestWithParam<std::tuple<std::size_t, const char*>>> {
 protected:
  const Operation& operation() const { return kOperations[std::get<0>(GetParam())]; }
};

TEST_P(TokenReset, IsRecoveredOnceWithANewLogin) {
  Cell cell{opened_token(), std::string("reset-") + operation().name + "-" + std::get<1>(GetParam()), std::nullopt, {}};
  operation().prepare(cell);
  {
    const FaultRules faults(std::string(operation().failing_call) + ":" + std::get<1>(GetParam()) + ":reset");
    EXPECT_NO_THROW(operation().act(cell));
    EXPECT_EQ(faults.injected(), 1U);
  }
  EXPECT_TRUE(opened_token().logged_in());
  if (operation().creates_key) {
    expect_no_half_made_key(opened_token(), cell.label, true);
  }
}

std::vector<std::tuple<std::size_t, const char*>> reset_cells() {
  std::vector<std::tuple<std::size_t, const char*>> cells;
  for (std::size_t index = 0; index < std::size(kOperations); ++index) {
    const bool is_login = std::string(kOperations[index].name) == "login";
    for (const char* code : {"CKR_SESSION_HANDLE_INVALID", "CKR_SESSION_CLOSED", "CKR_USER_NOT_LOGGED_IN"}) {
      // A C_Login that answers "not logged in" is a refusal, not a lost login.
      if (!(is_login && std::string(code) == "CKR_USER_NOT_LOGGED_IN")) {
        cells.emplace_back(index, code);
      }
    }
  }
  return cells;
}

INSTANTIATE_TEST_SUITE_P(Cells, TokenReset, ::testing::ValuesIn(reset_cells()), [](const auto& test) {
  return std::string(kOperations[std::get<0>(test.param)].name) + "_" + std::get<1>(test.param);
});

using FaultRecovery = FaultTest<::testing::Test>;

TEST_F(FaultRecovery, ASessionLostAgainOnTheRetryIsReportedNotRetriedForever) {
  log_in();
  const FaultRules faults("C_FindObjectsInit:1+:CKR_SESSION_CLOSED");
  try {
    token::list_keys(opened_token());
    FAIL() << "a token that keeps losing sessions must fail";
  } catch (const token::Pkcs11Error& error) {
    EXPECT_EQ(error.function(), "C_FindObjectsInit");
    EXPECT_EQ(error.code(), CKR_SESSION_CLOSED);
  }
  EXPECT_EQ(faults.injected(), 2U);
}

TEST_F(FaultRecovery, OnlyTheTokenThatLoggedInLogsInAgain) {
  log_in();
  // A second Token on the same slot shares the application's login but never logged in itself, so it
  // has no PIN and must not log in behind anyone's back.
  auto bystander = token::Token::open(module_, token::TokenSelector::by_label(kFaultTokenLabel));
  EXPECT_TRUE(bystander.logged_in());
  {
    const FaultRules faults("C_FindObjectsInit:1:CKR_SESSION_CLOSED:reset");
    const auto seen = token::list_keys(bystander);
    EXPECT_EQ(faults.injected(), 1U);
    EXPECT_TRUE(seen.empty()) << "private keys are invisible without a login";
  }
  EXPECT_FALSE(bystander.logged_in());
  Cell cell{opened_token(), "relogin", std::nullopt, {}};
  find_and_check(cell);  // the first Token finds its sessions gone and logs in again
  EXPECT_TRUE(bystander.logged_in());
}

TEST_F(FaultRecovery, StaleOperationAfterBufferTooSmallNeverWedgesThePool) {
  Cell cell{opened_token(), "stale", std::nullopt, {}};
  open_key(RecoveryStrategy::decrypt)(cell);
  decrypt_and_check(cell);  // one idle session in the pool, the one the fault will hit
  {
    // Not forwarded, so the token keeps the decryption active, as a real CKR_BUFFER_TOO_SMALL does.
    const FaultRules faults("C_Decrypt:1:CKR_BUFFER_TOO_SMALL");
    EXPECT_THROW(decrypt_string(*cell.key, cell.wire), DecryptionError);
    EXPECT_EQ(faults.injected(), 1U);
  }
  for (int round = 0; round < 20; ++round) {
    decrypt_and_check(cell);
  }
}

// Several threads restore sessions at once. Not with the reset effect: SoftHSM2 itself crashes when its
// logout frees the key objects under another thread's running C_Decrypt (seen in a backtrace inside
// libsofthsm2), which says nothing about v6hsm.
TEST_F(FaultRecovery, SessionLossesUnderFourDecryptingThreadsLoseNoMessage) {
  Cell cell{opened_token(), "threads", std::nullopt, {}};
  open_key(RecoveryStrategy::decrypt)(cell);
  constexpr int kThreads = 4;
  constexpr int kRounds = 40;
  std::atomic<int> correct{0};
  {
    // Far apart, so that no retry meets the next fault: a second loss in one operation is reported.
    const FaultRules faults("C_Decrypt:30:CKR_SESSION_CLOSED,C_Decrypt:80:CKR_SESSION_HANDLE_INVALID,"
                            "C_Decrypt:130:CKR_SESSION_CLOSED");
    std::vector<std::thread> workers;
    for (int thread = 0; thread < kThreads; ++thread) {
      workers.emplace_back([&] {
        for (int round = 0; round < kRounds; ++round) {
          try {
            if (to_string(decrypt_string(*cell.key, cell.wire)) == kPlaintext) ++correct;
          } catch (const Error&) {
            // counted as missing below
          }
        }
      });
    }
    for (auto& worker : workers) worker.join();
    EXPECT_EQ(faults.injected(), 3U);
  }
  EXPECT_EQ(correct.load(), kThreads * kRounds);
  EXPECT_TRUE(opened_token().logged_in());
}

TEST_F(FaultRecovery, WriteProtectedTokenStillLogsInListsAndDecrypts) {
  token_.reset();
  {
    const FaultRules faults("C_OpenSession:1:CKR_TOKEN_WRITE_PROTECTED");
    token_.emplace(token::Token::open(module_, token::TokenSelector::by_label(kFaultTokenLabel)));
    EXPECT_EQ(faults.injected(), 1U);
  }
  Cell cell{opened_token(), "write-protected", std::nullopt, {}};
  open_key(RecoveryStrategy::unwrap)(cell);
  decrypt_and_check(cell);
  list_and_check(cell);
}

}  // namespace
}  // namespace v6hsm::testing
