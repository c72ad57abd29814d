#include "format/base64_avx2.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include "format/cpu_features.hpp"

namespace v6hsm::detail {
namespace {

constexpr std::size_t kBlock = 32;

// A byte is outside the alphabet exactly when the table entry of its low nibble and the one of its high
// nibble share a bit. Returns the bytes of the block with a nonzero value where a character is invalid.
__attribute__((target("avx2"))) inline __m256i invalid_characters(__m256i high, __m256i low) noexcept {
  const __m256i low_table = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a,
                                             0x1b, 0x1b, 0x1b, 0x1a, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                             0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a);
  const __m256i high_table = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10,
                                              0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08,
                                              0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
  return _mm256_and_si256(_mm256_shuffle_epi8(low_table, low), _mm256_shuffle_epi8(high_table, high));
}

__attribute__((target("avx2"))) inline __m256i high_nibbles(__m256i characters) noexcept {
  return _mm256_and_si256(_mm256_srli_epi32(characters, 4), _mm256_set1_epi8(0x0f));
}

__attribute__((target("avx2"))) inline __m256i low_nibbles(__m256i characters) noexcept {
  return _mm256_and_si256(characters, _mm256_set1_epi8(0x0f));
}

__attribute__((target("avx2"))) inline __m256i load_block(const char* text) noexcept {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text));
}

// The translation adds an offset chosen by the high nibble ('/' moved to a slot of its own), which turns
// "A-Za-z0-9+/" into 0..63; two multiply-adds then pack four sextets into three bytes.
__attribute__((target("avx2"))) VectorDecodeResult decode(const char* text, std::size_t length, std::uint8_t* out) noexcept {
  const __m256i offsets = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4, -65,
                                           -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i slash = _mm256_set1_epi8('/');
  // Packing: sextets a b c d -> 12-bit pairs (a<<6|b, c<<6|d) -> 24-bit groups -> 3 bytes each in order.
  const __m256i pair_weights = _mm256_set1_epi32(0x01400140);
  const __m256i group_weights = _mm256_set1_epi32(0x00011000);
  const __m256i byte_order = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4,
                                              10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i lane_order = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);

  __m256i invalid = _mm256_setzero_si256();
  std::size_t done = 0;
  for (; length - done >= kBlock; done += kBlock, out += kBlock / 4 * 3) {
    const __m256i characters = load_block(text + done);
    const __m256i high = high_nibbles(characters);
    invalid = _mm256_or_si256(invalid, invalid_characters(high, low_nibbles(characters)));
    const __m256i offset_index = _mm256_add_epi8(_mm256_cmpeq_epi8(characters, slash), high);
    const __m256i sextets = _mm256_add_epi8(characters, _mm256_shuffle_epi8(offsets, offset_index));
    const __m256i groups = _mm256_madd_epi16(_mm256_maddubs_epi16(sextets, pair_weights), group_weights);
    const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(groups, byte_order), lane_order);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(packed));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + 16), _mm256_extracti128_si256(packed, 1));
  }
  return {done, _mm256_testz_si256(invalid, invalid) != 0};
}

__attribute__((target("avx2"))) VectorDecodeResult check(const char* text, std::size_t length) noexcept {
  __m256i invalid = _mm256_setzero_si256();
  std::size_t done = 0;
  for (; length - done >= kBlock; done += kBlock) {
    const __m256i characters = load_block(text + done);
    invalid = _mm256_or_si256(invalid, invalid_characters(high_nibbles(characters), low_nibbles(characters)));
  }
  return {done, _mm256_testz_si256(invalid, invalid) != 0};
}

// Encoding, 24 bytes per step. Each 128-bit lane gets 12 input bytes (two overlapping 16-byte loads, so
// nothing is read before `data`), and each 3-byte group s0 s1 s2 becomes the 32-bit word with bytes
// s1 s0 s2 s1: its low 16 bits are s0:s1 and its high 16 bits are s1:s2, so every sextet lies whole in
// one 16-bit half, ready to be moved to its own byte by a multiply.
__attribute__((target("avx2"))) inline __m256i load_triples(const std::uint8_t* data) noexcept {
  const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
  const __m128i second = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 12));
  const __m256i both = _mm256_inserti128_si256(_mm256_castsi128_si256(first), second, 1);
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10, 1, 0, 2, 1, 4, 3, 5, 4,
                                          7, 6, 8, 7, 10, 9, 11, 10);
  return _mm256_shuffle_epi8(both, spread);
}

// Sextets a b c d of a group sit at bits 15..10 and 9..4 of the low half and 11..6 and 5..0 of the high
// half. A high multiply brings a and c down to bit 0 of bytes 0 and 2; a low multiply lifts b and d to
// bit 0 of bytes 1 and 3. The masks keep each multiply to its own two sextets.
__attribute__((target("avx2"))) inline __m256i sextets_of(__m256i triples) noexcept {
  const __m256i a_and_c = _mm256_and_si256(triples, _mm256_set1_epi32(0x0fc0fc00));
  const __m256i b_and_d = _mm256_and_si256(triples, _mm256_set1_epi32(0x003f03f0));
  return _mm256_or_si256(_mm256_mulhi_epu16(a_and_c, _mm256_set1_epi32(0x04000040)),
                         _mm256_mullo_epi16(b_and_d, _mm256_set1_epi32(0x01000010)));
}

// Each of the alphabet's five ranges is the sextet plus a constant: A-Z (0..25) +65, a-z (26..51) +71,
// 0-9 (52..61) -4, '+' (62) -19, '/' (63) -16. A saturating subtract and one compare give each sextet a
// small range number (0, 1, then 2..13 for 52..63) that picks its constant from a 16-entry table.
__attribute__((target("avx2"))) inline __m256i characters_of(__m256i sextets) noexcept {
  const __m256i offsets = _mm256_setr_epi8(65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0, 65, 71,
                                           -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0);
  const __m256i above_z = _mm256_cmpgt_epi8(sextets, _mm256_set1_epi8(25));
  const __m256i range = _mm256_sub_epi8(_mm256_subs_epu8(sextets, _mm256_set1_epi8(51)), above_z);
  return _mm256_add_epi8(sextets, _mm256_shuffle_epi8(offsets, range));
}

__attribute__((target("avx2"))) std::size_t encode(const std::uint8_t* data, std::size_t length, char* out) noexcept {
  constexpr std::size_t kBytesPerStep = 24;
  constexpr std::size_t kBytesRead = 28;
  std::size_t done = 0;
  for (; length - done >= kBytesRead; done += kBytesPerStep, out += 32) {
    const __m256i characters = characters_of(sextets_of(load_triples(data + done)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), characters);
  }
  return done;
}

}  // namespace

VectorDecodeResult decode_blocks_avx2(const char* text, std::size_t length, std::uint8_t* out) noexcept {
  if (!cpu_has_avx2()) return {};
  return decode(text, length, out);
}

VectorDecodeResult check_blocks_avx2(const char* text, std::size_t length) noexcept {
  if (!cpu_has_avx2()) return {};
  return check(text, length);
}

std::size_t encode_blocks_avx2(const std::uint8_t* data, std::size_t length, char* out) noexcept {
  if (!cpu_has_avx2()) return 0;
  return encode(data, length, out);
}

std::size_t encode_blocks_avx2_unchecked(const std::uint8_t* data, std::size_t length, char* out) noexcept {
  return encode(data, length, out);
}

}  // namespace v6hsm::detail

#else

namespace v6hsm::detail {

VectorDecodeResult decode_blocks_avx2(const char*, std::size_t, std::uint8_t*) noexcept { return {}; }
VectorDecodeResult check_blocks_avx2(const char*, std::size_t) noexcept { return {}; }
std::size_t encode_blocks_avx2(const std::uint8_t*, std::size_t, char*) noexcept { return 0; }
std::size_t encode_blocks_avx2_unchecked(const std::uint8_t*, std::size_t, char*) noexcept { return 0; }

}  // namespace v6hsm::detail

#endif
