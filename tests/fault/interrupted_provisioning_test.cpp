// A process killed in the middle of key generation or import (the fault module's abort rule, in a forked
// child) leaves only pending objects behind; the next list, find, generation or import does not trip
// over them, and provisioning removes them.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <map>

#include "support/fault_injection.hpp"
#include "token/attributes.hpp"
#include "token/token_state.hpp"
#include "token_test_fixture.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::testing {
namespace {

constexpr const char* kLabel = "v6hsm-interrupted";

// The CKA_LABEL of every object on the token, with how often it occurs, seen through the raw layer
// because pending objects are invisible to the public API by design.
std::map<std::string, int> object_labels(token::Token& token) {
  const auto lease = token.state().pool.acquire(token::SessionAccess::read_only);
  token::AttributeTemplate everything;
  std::map<std::string, int> labels;
  for (const auto object : token::find_objects(lease.api(), lease.handle(), everything)) {
    ++labels[to_string(token::read_attribute(lease.api(), lease.handle(), object, CKA_LABEL).value_or(Bytes{}))];
  }
  return labels;
}

int pending_objects(const std::map<std::string, int>& labels) {
  int count = 0;
  for (const auto& [label, occurrences] : labels) {
    if (label.starts_with("v6hsm-pending:")) count += occurrences;
  }
  return count;
}

class InterruptedProvisioning : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sandbox_ = new SoftHsmSandbox();
    sandbox_->create_token(kTokenLabel);
  }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

  // Runs `provision` in a child process through the fault module with `rules` (counted from the child's
  // C_Initialize) and expects the child to die by abort(). No module is loaded in this process meanwhile.
  static void kill_during(const std::string& rules, const std::function<void(token::Token&)>& provision) {
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
      setenv(kFaultRulesVariable, rules.c_str(), 1);
      try {
        auto token = open_logged_in(token::Module::load(fault_module_path()), kTokenLabel);
        provision(token);
      } catch (...) {
        _exit(3);
      }
      _exit(0);  // the abort rule never fired
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) << "child status " << status;
  }

  token::Token& reopened() {
    module_ = token::Module::load(token::resolve_module_path());
    token_.emplace(open_logged_in(module_, kTokenLabel));
    return *token_;
  }

  void TearDown() override {
    if (token_) {
      for (const auto& key : token::list_keys(*token_)) token::delete_key(*token_, token::KeyRef::by_label(key.label));
    }
    token_.reset();
    module_.reset();
  }

  static SoftHsmSandbox* sandbox_;
  std::shared_ptr<token::Module> module_;
  std::optional<token::Token> token_;
};

SoftHsmSandbox* InterruptedProvisioning::sandbox_ = nullptr;

void expect_invisible(token::Token& token) {
  EXPECT_TRUE(token::list_keys(token).empty());
  EXPECT_THROW(token::find_key(token, token::KeyRef::by_label(kLabel)), NotFoundError);
  EXPECT_THROW(token::find_key(token, token::KeyRef{}), NotFoundError);
}

void expect_one_complete_pair(token::Token& token) {
  const auto labels = object_labels(token);
  EXPECT_EQ(pending_objects(labels), 0);
  EXPECT_EQ(labels.count(kLabel) ? labels.at(kLabel) : 0, 2) << "a private key and one public object";
  const auto keys = token::list_keys(token);
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_TRUE(keys.front().has_public_object);
}

TEST_F(InterruptedProvisioning, GenerationKilledRightAfterTheTokenMadeThePair) {
  kill_during("C_GenerateKeyPair:1:abort",
              [](token::Token& token) { token::generate_key(token, spec_with_label(kLabel)); });
  auto& token = reopened();
  EXPECT_EQ(pending_objects(object_labels(token)), 2);
  expect_invisible(token);
  const auto result = token::generate_key(token, spec_with_label(kLabel));
  EXPECT_FALSE(result.reused) << "a half-made key must never be reused";
  expect_one_complete_pair(token);
}

TEST_F(InterruptedProvisioning, ImportKilledBetweenThePrivateAndThePublicObject) {
  const auto import = [](token::Token& token) {
    token::import_key_pem(token, as_bytes(private_pem("A", "pkcs1")), spec_with_label(kLabel));
  };
  kill_during("C_CreateObject:1:abort", import);
  auto& token = reopened();
  EXPECT_EQ(pending_objects(object_labels(token)), 1);
  expect_invisible(token);
  import(token);
  expect_one_complete_pair(token);
}

TEST_F(InterruptedProvisioning, GenerationKilledBetweenRenamingThePublicAndThePrivateKey) {
  // Calls 1 and 2 set the derived CKA_ID, 3 renames the public object, 4 would rename the private key.
  kill_during("C_SetAttributeValue:3:abort",
              [](token::Token& token) { token::generate_key(token, spec_with_label(kLabel)); });
  auto& token = reopened();
  const auto labels = object_labels(token);
  EXPECT_EQ(pending_objects(labels), 1);
  EXPECT_EQ(labels.at(kLabel), 1) << "the renamed public object of the unfinished pair";
  expect_invisible(token);
  token::generate_key(token, spec_with_label(kLabel));
  expect_one_complete_pair(token);  // the orphaned public object went with the pending private key
}

TEST_F(InterruptedProvisioning, ReservedPendingLabelIsRefused) {
  auto& token = reopened();
  EXPECT_THROW(token::generate_key(token, spec_with_label("v6hsm-pending:mine")), InputError);
}

}  // namespace
}  // namespace v6hsm::testing
