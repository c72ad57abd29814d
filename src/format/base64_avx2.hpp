// The vector path of strict base64 decoding: 32 characters per step with AVX2 (nibble-indexed table
// lookups for validation and translation, then two multiply-adds to pack the sextets), used when the CPU
// has AVX2. Large string-form payloads spend most of their user time here, so this is the decoder's
// fast lane; the scalar table decoder in base64.cpp handles the rest and every other CPU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace v6hsm::detail {

struct VectorDecodeResult {
  std::size_t characters = 0;  // consumed, a multiple of 32 (decoded into characters / 4 * 3 bytes)
  bool valid = true;           // false when one of them is outside the alphabet ('=' included)
};

// Decodes as many whole 32-character blocks of `text` as it can into `out`; `out` may point into `text`
// at or before its start (in-place decoding). Consumes nothing without AVX2.
VectorDecodeResult decode_blocks_avx2(const char* text, std::size_t length, std::uint8_t* out) noexcept;

// The same validation without decoding: whether the whole 32-character blocks at the start of `text` are
// all in the alphabet.
VectorDecodeResult check_blocks_avx2(const char* text, std::size_t length) noexcept;

// Whether every character of `text` is in the alphabet ('=' excluded): the vector check, then a table
// for the tail.
bool all_base64_alphabet(std::string_view text) noexcept;

}  // namespace v6hsm::detail
