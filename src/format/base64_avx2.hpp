// The vector paths of base64, used when the CPU has AVX2. Decoding: 32 characters per step (nibble-indexed
// table lookups for validation and translation, then two multiply-adds to pack the sextets); large
// string-form payloads spend most of their user time here. Encoding: 24 bytes into 32 characters per step
// (a shuffle and two 16-bit multiplies spread the sextets, a lookup by range turns them into characters);
// it is most of an encrypt's user time. The scalar table code in base64.cpp handles the rest and every
// other CPU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "v6hsm/bytes.hpp"

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

// Encodes as many whole 24-byte blocks of `data` as it can into `out` (32 characters each, no padding) and
// returns the bytes consumed, a multiple of 24. Each step reads 28 bytes (two overlapping 16-byte loads),
// so the last 4 to 27 bytes are always left to the scalar encoder. Consumes nothing without AVX2.
std::size_t encode_blocks_avx2(const std::uint8_t* data, std::size_t length, char* out) noexcept;

// The same without asking the CPU: the caller must know it has AVX2 (the tests run this path directly).
std::size_t encode_blocks_avx2_unchecked(const std::uint8_t* data, std::size_t length, char* out) noexcept;

// The table encoder alone: writes base64_encoded_length(data.size()) characters, padded, to `out`.
void base64_encode_scalar(ByteView data, char* out) noexcept;

}  // namespace v6hsm::detail
