#include "v6hsm/batch_decrypt.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

BatchResult decrypt_one(const KeyBackend& key, std::string_view payload, OutputMode mode) {
  try {
    return {decrypt_string(key, payload, mode), {}};
  } catch (const Error& error) {
    return {std::nullopt, error.what()};
  }
}

unsigned worker_count(unsigned requested, std::size_t items) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned wanted = requested == 0 ? cores : requested;
  return static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(items, 1)));
}

}  // namespace

std::vector<BatchResult> decrypt_string_batch(const KeyBackend& key, const std::vector<std::string_view>& payloads,
                                              OutputMode mode, unsigned threads) {
  std::vector<BatchResult> results(payloads.size());
  std::atomic<std::size_t> next{0};
  // Workers take the next unclaimed index, so a slow item never holds up a fixed share of the input.
  const auto work = [&] {
    for (std::size_t index = next++; index < payloads.size(); index = next++) {
      results[index] = decrypt_one(key, payloads[index], mode);
    }
  };
  std::vector<std::jthread> workers;
  const unsigned count = worker_count(threads, payloads.size());
  for (unsigned i = 1; i < count; ++i) workers.emplace_back(work);
  work();
  return results;
}

}  // namespace v6hsm
