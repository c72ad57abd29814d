// Word-at-a-time byte tests ("SIMD within a register"): eight bytes per step with plain 64-bit
// arithmetic, so scans over long runs of ordinary text cost one test per word instead of one branch per
// byte, with no CPU-specific instructions. Each test says exactly whether some byte of the word matches;
// the flag bits above the first match may be spurious (borrows), so only the lowest one locates a byte.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace v6hsm::detail {

inline constexpr std::uint64_t kEveryByte = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
inline constexpr std::size_t kWordBytes = sizeof(std::uint64_t);

inline std::uint64_t load_word(const void* bytes) noexcept {
  std::uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// High bit set in the flag byte of every byte below `limit` (limit <= 0x80).
constexpr std::uint64_t bytes_below(std::uint64_t word, std::uint8_t limit) noexcept {
  return (word - kEveryByte * limit) & ~word & kHighBits;
}

constexpr std::uint64_t bytes_equal(std::uint64_t word, std::uint8_t value) noexcept {
  return bytes_below(word ^ (kEveryByte * value), 1);
}

// The index of the first flagged byte in memory order. On a big-endian machine the lowest flag is the
// last byte, so the answer is 0 there: callers then step byte by byte, which is still correct.
constexpr std::size_t first_flagged_byte(std::uint64_t flags) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::size_t>(std::countr_zero(flags)) / 8;
  } else {
    return 0;
  }
}

}  // namespace v6hsm::detail
