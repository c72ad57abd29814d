#include "format/swar.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {
namespace {

// Length of the sequence announced by a lead byte, or 0 when the byte cannot start one.
std::size_t sequence_length(std::uint8_t lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// The second byte carries the limits that rule out overlong forms, surrogates and code points above
// U+10FFFF (the bytes Python's strict UTF-8 decoder refuses).
bool valid_second_byte(std::uint8_t lead, std::uint8_t second) noexcept {
  switch (lead) {
    case 0xe0: return second >= 0xa0 && second <= 0xbf;
    case 0xed: return second >= 0x80 && second <= 0x9f;
    case 0xf0: return second >= 0x90 && second <= 0xbf;
    case 0xf4: return second >= 0x80 && second <= 0x8f;
    default: return second >= 0x80 && second <= 0xbf;
  }
}

bool is_continuation(std::uint8_t byte) noexcept { return (byte & 0xc0) == 0x80; }

// Payloads are mostly ASCII (JSON), so whole 16-byte blocks without a high bit are passed in one test;
// the byte-wise decoder below only sees the blocks that hold multi-byte sequences.
std::size_t skip_ascii(ByteView bytes, std::size_t position) noexcept {
  constexpr std::size_t kBlock = 2 * detail::kWordBytes;
  while (bytes.size() - position >= kBlock) {
    const std::uint64_t high_bits = (detail::load_word(bytes.data() + position) |
                                     detail::load_word(bytes.data() + position + detail::kWordBytes)) &
                                    detail::kHighBits;
    if (high_bits != 0) break;
    position += kBlock;
  }
  return position;
}

}  // namespace

bool is_utf8(ByteView bytes) noexcept {
  std::size_t i = skip_ascii(bytes, 0);
  while (i < bytes.size()) {
    const std::size_t length = sequence_length(bytes[i]);
    if (length == 0 || bytes.size() - i < length) return false;
    if (length > 1 && !valid_second_byte(bytes[i], bytes[i + 1])) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (!is_continuation(bytes[i + k])) return false;
    }
    i += length;
    if (length == 1) i = skip_ascii(bytes, i);
  }
  return true;
}

}  // namespace v6hsm
