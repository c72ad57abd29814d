// Common set-up of the fault suites: one sandbox token per suite holding a known 2048-bit key, opened
// through the fault module for every test, and a watchdog that turns a hang into a loud failure.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "support/fault_injection.hpp"
#include "token_test_fixture.hpp"

namespace v6hsm::testing {

inline constexpr const char* kFaultTokenLabel = "v6hsm-fault";
inline constexpr const char* kFixedKeyLabel = "fixed";

// Aborts the process with a message when a test outlives its deadline: a hung PKCS#11 call cannot be
// cancelled, and a test suite that never ends hides which cell hung.
class Watchdog {
 public:
  explicit Watchdog(std::chrono::seconds deadline)
      : thread_([this, deadline] {
          std::unique_lock lock(mutex_);
          if (!done_changed_.wait_for(lock, deadline, [this] { return done_; })) {
            const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
            std::fprintf(stderr, "watchdog: %s.%s hung for %lld s\n", test->test_suite_name(), test->name(),
                         static_cast<long long>(deadline.count()));
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_changed_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
  std::thread thread_;
};

template <typename Base>
class FaultTest : public Base {
 public:
  static void SetUpTestSuite() {
    sandbox_ = new SoftHsmSandbox();
    sandbox_->create_token(kFaultTokenLabel);
    auto plain = open_logged_in(token::Module::load(token::resolve_module_path()), kFaultTokenLabel);
    token::import_key_pem(plain, as_bytes(private_pem("A", "pkcs1")), spec_with_label(kFixedKeyLabel));
  }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

 protected:
  void SetUp() override {
    module_ = token::Module::load(fault_module_path());
    token_.emplace(token::Token::open(module_, token::TokenSelector::by_label(kFaultTokenLabel)));
  }
  void TearDown() override {
    token_.reset();
    module_.reset();
  }

  token::Token& opened_token() { return *token_; }
  void log_in() { token_->login(token::LoginRequest::from_source(user_pin_source())); }

  static SoftHsmSandbox* sandbox_;
  Watchdog watchdog_{std::chrono::seconds(60)};
  std::shared_ptr<token::Module> module_;
  std::optional<token::Token> token_;
};

template <typename Base>
SoftHsmSandbox* FaultTest<Base>::sandbox_ = nullptr;

}  // namespace v6hsm::testing
