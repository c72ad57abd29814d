#include "v6hsm/base64.hpp"

#include <array>

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

std::size_t padding_count(std::string_view text) noexcept {
  if (text.empty() || text.back() != '=') return 0;
  return text[text.size() - 2] == '=' ? 2 : 1;
}

// Decodes one 4-character group into up to 3 bytes; `bytes_out` of them are kept.
bool decode_group(const char* group, std::uint8_t* out, std::size_t bytes_out) noexcept {
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

void base64_encode_append(ByteView data, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + base64_encoded_length(data.size()));
  char* cursor = out.data() + start;
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t value = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    *cursor++ = kAlphabet[(value >> 18) & 63];
    *cursor++ = kAlphabet[(value >> 12) & 63];
    *cursor++ = kAlphabet[(value >> 6) & 63];
    *cursor++ = kAlphabet[value & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest == 0) return;
  std::uint32_t value = std::uint32_t{data[i]} << 16;
  if (rest == 2) value |= std::uint32_t{data[i + 1]} << 8;
  *cursor++ = kAlphabet[(value >> 18) & 63];
  *cursor++ = kAlphabet[(value >> 12) & 63];
  *cursor++ = rest == 2 ? kAlphabet[(value >> 6) & 63] : '=';
  *cursor = '=';
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

bool base64_decode_into(std::string_view text, std::uint8_t* out) noexcept {
  if (text.size() % 4 != 0) return false;
  const std::size_t groups = text.size() / 4;
  const std::size_t padding = padding_count(text);
  for (std::size_t group = 0; group < groups; ++group) {
    const bool last = group + 1 == groups;
    const std::size_t bytes_out = last ? 3 - padding : 3;
    if (!decode_group(text.data() + group * 4, out + group * 3, bytes_out)) return false;
  }
  return true;
}

std::optional<Bytes> try_base64_decode(std::string_view text) {
  const auto length = base64_decoded_length(text);
  if (!length) return std::nullopt;
  Bytes out(*length);
  if (!base64_decode_into(text, out.data())) return std::nullopt;
  return out;
}

std::optional<SecureBytes> try_base64_decode_secret(std::string_view text) {
  const auto length = base64_decoded_length(text);
  if (!length) return std::nullopt;
  SecureBytes out(*length);
  if (!base64_decode_into(text, out.data())) return std::nullopt;
  return out;
}

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
