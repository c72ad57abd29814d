// Many threads decrypting on one token at once: each borrows its own session, every result is right.
#include <atomic>
#include <thread>

#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

constexpr int kThreads = 8;
constexpr int kDecryptionsPerThread = 200;

class ConcurrencyTest : public TokenTest, public ::testing::WithParamInterface<token::RecoveryStrategy> {};

TEST_P(ConcurrencyTest, EightThreadsTimesTwoHundredDecryptionsAreAllCorrect) {
  token::generate_key(token(), spec_with_label("shared", 2048));
  const token::TokenKey key = token::TokenKey::open(token(), token::KeyRef::by_label("shared"), GetParam());
  // Distinct payloads per thread, so a session mix-up could not go unnoticed.
  std::vector<std::pair<std::string, Bytes>> messages;
  for (int thread = 0; thread < kThreads; ++thread) {
    Bytes plaintext = to_bytes("{\"thread\": " + std::to_string(thread) + "}");
    messages.emplace_back(encrypt_to_string(plaintext, key.public_key()), std::move(plaintext));
  }
  std::atomic<int> correct{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> workers;
  for (int thread = 0; thread < kThreads; ++thread) {
    workers.emplace_back([&, thread] {
      const auto& [wire, plaintext] = messages[static_cast<std::size_t>(thread)];
      for (int round = 0; round < kDecryptionsPerThread; ++round) {
        try {
          (decrypt_string(key, wire) == plaintext ? correct : failed)++;
        } catch (...) {
          failed++;
        }
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(correct.load(), kThreads * kDecryptionsPerThread);
}

INSTANTIATE_TEST_SUITE_P(Strategies, ConcurrencyTest,
                         ::testing::Values(token::RecoveryStrategy::decrypt, token::RecoveryStrategy::unwrap),
                         [](const auto& test) { return std::string(token::strategy_name(test.param)); });

}  // namespace
}  // namespace v6hsm::testing
