#include "v6hsm/base64.hpp"

#include <array>

#include "format/base64_avx2.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kInvalid);
  for (std::uint8_t value = 0; value < 64; ++value) {
    table[static_cast<unsigned char>(kAlphabet[value])] = value;
  }
  return table;
}

constexpr auto kDecodeTable = make_decode_table();

// The decode tables of the fast path: each holds a character's 6 bits already shifted to its place in a
// 24-bit group, so one group is four lookups ORed together. Characters outside the alphabet ('=' among
// them) map to a bit above the 24 data bits; one test per chunk catches them all.
constexpr std::uint32_t kBadCharacter = 1u << 24;

constexpr std::array<std::uint32_t, 256> make_shifted_table(unsigned shift) {
  std::array<std::uint32_t, 256> table{};
  for (std::size_t character = 0; character < 256; ++character) {
    const std::uint8_t value = kDecodeTable[character];
    table[character] = value == kInvalid ? kBadCharacter : std::uint32_t{value} << shift;
  }
  return table;
}

constexpr auto kShift18 = make_shifted_table(18);
constexpr auto kShift12 = make_shifted_table(12);
constexpr auto kShift6 = make_shifted_table(6);
constexpr auto kShift0 = make_shifted_table(0);

std::size_t padding_count(std::string_view text) noexcept {
  if (text.empty() || text.back() != '=') return 0;
  return text[text.size() - 2] == '=' ? 2 : 1;
}

// Decodes the last group, which may carry padding, into up to 3 bytes; `bytes_out` of them are kept.
bool decode_final_group(const char* group, std::uint8_t* out, std::size_t bytes_out) noexcept {
  std::uint32_t value = 0;
  const std::size_t significant = bytes_out + 1;
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint8_t sextet = 0;
    if (i < significant) {
      sextet = kDecodeTable[static_cast<unsigned char>(group[i])];
      if (sextet == kInvalid) return false;
    }
    value = (value << 6) | sextet;
  }
  // Canonical form only: the bits below the last byte must be zero ("QQ==" yes, "QR==" no).
  if (bytes_out < 3 && (value & ((1u << (8 * (3 - bytes_out))) - 1)) != 0) return false;
  for (std::size_t i = 0; i < bytes_out; ++i) {
    out[i] = static_cast<std::uint8_t>(value >> (16 - 8 * i));
  }
  return true;
}

}  // namespace

void detail::base64_encode_scalar(ByteView data, char* out) noexcept {
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t value = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    *out++ = kAlphabet[(value >> 18) & 63];
    *out++ = kAlphabet[(value >> 12) & 63];
    *out++ = kAlphabet[(value >> 6) & 63];
    *out++ = kAlphabet[value & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest == 0) return;
  std::uint32_t value = std::uint32_t{data[i]} << 16;
  if (rest == 2) value |= std::uint32_t{data[i + 1]} << 8;
  *out++ = kAlphabet[(value >> 18) & 63];
  *out++ = kAlphabet[(value >> 12) & 63];
  *out++ = rest == 2 ? kAlphabet[(value >> 6) & 63] : '=';
  *out = '=';
}

void base64_encode_append(ByteView data, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + base64_encoded_length(data.size()));
  char* cursor = out.data() + start;
  const std::size_t vector_bytes = detail::encode_blocks_avx2(data.data(), data.size(), cursor);
  detail::base64_encode_scalar(data.subspan(vector_bytes), cursor + vector_bytes / 3 * 4);
}

std::string base64_encode(ByteView data) {
  std::string out;
  base64_encode_append(data, out);
  return out;
}

std::optional<std::size_t> base64_decoded_length(std::string_view text) noexcept {
  if (text.size() % 4 != 0) return std::nullopt;
  return text.size() / 4 * 3 - padding_count(text);
}

namespace {

// The table decoder for what the vector path leaves (the tail, or everything without AVX2).
bool decode_groups_scalar(std::string_view text, std::uint8_t* out) noexcept {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t groups = text.size() / 4;
  std::uint32_t seen = 0;
  for (std::size_t group = 0; group < groups; ++group, in += 4, out += 3) {
    const std::uint32_t value = kShift18[in[0]] | kShift12[in[1]] | kShift6[in[2]] | kShift0[in[3]];
    seen |= value;
    out[0] = static_cast<std::uint8_t>(value >> 16);
    out[1] = static_cast<std::uint8_t>(value >> 8);
    out[2] = static_cast<std::uint8_t>(value);
  }
  return (seen & kBadCharacter) == 0;
}

}  // namespace

bool detail::all_base64_alphabet(std::string_view text) noexcept {
  const auto vector = detail::check_blocks_avx2(text.data(), text.size());
  if (!vector.valid) return false;
  bool valid = true;
  for (const char character : text.substr(vector.characters)) {
    valid &= kDecodeTable[static_cast<unsigned char>(character)] != kInvalid;
  }
  return valid;
}

bool base64_decode_groups(std::string_view text, std::uint8_t* out) noexcept {
  if (text.size() % 4 != 0) return false;
  const auto vector = detail::decode_blocks_avx2(text.data(), text.size(), out);
  return vector.valid && decode_groups_scalar(text.substr(vector.characters), out + vector.characters / 4 * 3);
}

bool base64_decode_into(std::string_view text, std::uint8_t* out) noexcept {
  if (text.size() % 4 != 0) return false;
  if (text.empty()) return true;
  const std::size_t full_groups = text.size() / 4 - 1;
  if (!base64_decode_groups(text.substr(0, full_groups * 4), out)) return false;
  return decode_final_group(text.data() + full_groups * 4, out + full_groups * 3, 3 - padding_count(text));
}

namespace {

// Decodes into an exactly sized buffer of the caller's kind (plain or wiping).
template <class Buffer>
std::optional<Buffer> decode_to(std::string_view text) {
  const auto length = base64_decoded_length(text);
  if (!length) return std::nullopt;
  Buffer out(*length);
  if (!base64_decode_into(text, out.data())) return std::nullopt;
  return out;
}

}  // namespace

std::optional<Bytes> try_base64_decode(std::string_view text) { return decode_to<Bytes>(text); }

std::optional<SecureBytes> try_base64_decode_secret(std::string_view text) { return decode_to<SecureBytes>(text); }

Bytes base64_decode(std::string_view text, std::string_view what) {
  auto decoded = try_base64_decode(text);
  if (!decoded) {
    throw InputError(std::string(what) +
                     " is not valid base64 (expected the standard alphabet, '=' padding, no line breaks)");
  }
  return std::move(*decoded);
}

}  // namespace v6hsm

namespace v6hsm {

std::optional<Bytes> base64_decode_lenient(ByteView text) {
  Bytes out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t pending = 0;        // bits not yet emitted
  std::size_t group_position = 0;   // data characters seen in the current group of 4
  std::size_t pads_in_a_row = 0;
  for (const std::uint8_t character : text) {
    if (character == '=') {
      if (group_position >= 2 && group_position + ++pads_in_a_row >= 4) return out;
      continue;
    }
    const std::uint8_t sextet = kDecodeTable[character];
    if (sextet == kInvalid) continue;
    pads_in_a_row = 0;
    pending = (pending << 6) | sextet;
    if (group_position > 0) {
      const unsigned spare_bits = 6 * static_cast<unsigned>(group_position + 1) - 8 * static_cast<unsigned>(group_position);
      out.push_back(static_cast<std::uint8_t>(pending >> spare_bits));
      pending &= (1u << spare_bits) - 1;
    }
    group_position = (group_position + 1) % 4;
  }
  if (group_position != 0) return std::nullopt;
  return out;
}

}  // namespace v6hsm
