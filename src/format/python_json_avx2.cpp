// The AVX2 scanner for the json.loads validator: 32 bytes per step through the runs that make up most
// of a payload (string contents, digits, indentation), a movemask and a trailing-zero count to find
// where a run ends. The last partial block goes to the portable scanner, so no load reads past the text.
#include "format/python_json_paths.hpp"
#include "format/python_json_validator.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <bit>

#include "format/cpu_features.hpp"

namespace v6hsm::detail {
namespace {

constexpr std::ptrdiff_t kBlock = 32;

// One bit per byte of the block, in memory order.
__attribute__((target("avx2"))) inline std::uint32_t byte_flags(__m256i mask) noexcept {
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(mask));
}

__attribute__((target("avx2"))) inline __m256i load_block(const char* text) noexcept {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text));
}

// Bytes of the block at or below `limit`, as unsigned values.
__attribute__((target("avx2"))) inline __m256i bytes_at_most(__m256i block, char limit) noexcept {
  const __m256i limits = _mm256_set1_epi8(limit);
  return _mm256_cmpeq_epi8(_mm256_max_epu8(block, limits), limits);
}

__attribute__((target("avx2"))) inline __m256i equal_to(__m256i block, char value) noexcept {
  return _mm256_cmpeq_epi8(block, _mm256_set1_epi8(value));
}

struct Avx2Scanner {
  __attribute__((target("avx2"))) static const char* skip_plain_string(const char* next, const char* end) noexcept {
    for (; end - next >= kBlock; next += kBlock) {
      const __m256i block = load_block(next);
      const __m256i special = _mm256_or_si256(_mm256_or_si256(equal_to(block, '"'), equal_to(block, '\\')),
                                              bytes_at_most(block, 0x1f));
      if (const std::uint32_t flags = byte_flags(special)) return next + std::countr_zero(flags);
    }
    return WordScanner::skip_plain_string(next, end);
  }

  __attribute__((target("avx2"))) static const char* skip_digits(const char* next, const char* end) noexcept {
    for (; end - next >= kBlock; next += kBlock) {
      // A digit is a byte whose distance above '0' is at most 9 (smaller characters wrap around to large).
      const __m256i above_zero = _mm256_sub_epi8(load_block(next), _mm256_set1_epi8('0'));
      if (const std::uint32_t others = ~byte_flags(bytes_at_most(above_zero, 9))) return next + std::countr_zero(others);
    }
    return WordScanner::skip_digits(next, end);
  }

  __attribute__((target("avx2"))) static const char* skip_whitespace(const char* next, const char* end) noexcept {
    for (; end - next >= kBlock; next += kBlock) {
      const __m256i block = load_block(next);
      const __m256i whitespace = _mm256_or_si256(_mm256_or_si256(equal_to(block, ' '), equal_to(block, '\t')),
                                                 _mm256_or_si256(equal_to(block, '\n'), equal_to(block, '\r')));
      if (const std::uint32_t others = ~byte_flags(whitespace)) return next + std::countr_zero(others);
    }
    return WordScanner::skip_whitespace(next, end);
  }
};

// flatten inlines the whole validator here, so the scanner calls compile into AVX2 code in one function
// instead of staying calls from baseline code.
__attribute__((target("avx2"), flatten)) bool validate(std::string_view text) noexcept {
  return validate_python_json<Avx2Scanner>(text);
}

}  // namespace

std::optional<bool> is_python_json_avx2(std::string_view text) noexcept {
  if (!cpu_has_avx2()) return std::nullopt;
  return validate(text);
}

}  // namespace v6hsm::detail

#else

namespace v6hsm::detail {

std::optional<bool> is_python_json_avx2(std::string_view) noexcept { return std::nullopt; }

}  // namespace v6hsm::detail

#endif
