// The fused inner loop of string-form decryption: base64 text is decoded and decrypted chunk by chunk,
// so each chunk is still in cache when AES-CTR runs over it (one pass instead of two whole-buffer stages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "v6hsm/aes_ctr.hpp"

namespace v6hsm::detail {

// Base64 characters per chunk: a multiple of 4 that keeps input and output within L2 cache.
inline constexpr std::size_t kFusedChunkCharacters = 64 * 1024;

// Decodes `text` (whole groups; only its last group may be padded when `final` is true) and decrypts it
// into `out`. `out` may point into `text` at or before its start (in-place decryption): every group is
// read before its bytes are written. Returns the number of bytes written, or nothing when `text` is
// malformed.
std::optional<std::size_t> decode_and_decrypt(AesCtr256& cipher, std::string_view text, std::uint8_t* out, bool final);

}  // namespace v6hsm::detail
