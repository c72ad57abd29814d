// Decrypting many string-form payloads at once (a node's queue of runs, `v6hsm decrypt --batch`):
// the work is spread over threads, each item succeeds or fails on its own, and the results keep the
// input order. The key backend must be thread-safe (TokenKey and SoftwareKey are).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "v6hsm/bytes.hpp"
#include "v6hsm/key_backend.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {

struct BatchResult {
  std::optional<Bytes> plaintext;  // set on success
  std::string error;               // the error message otherwise (DecryptionError's uniform text, ...)
};

// `threads` = 0 uses every core.
std::vector<BatchResult> decrypt_string_batch(const KeyBackend& key, const std::vector<std::string_view>& payloads,
                                              OutputMode mode = OutputMode::raw, unsigned threads = 0);

}  // namespace v6hsm
