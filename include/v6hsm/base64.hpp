// RFC 4648 base64, standard alphabet, padded, one line: the only form vantage6 produces.
// Decoding is strict: any character outside the alphabet, a wrong length or a misplaced '=' is rejected.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

std::string base64_encode(ByteView data);

// Appends the encoding of `data` to `out` without an intermediate copy.
void base64_encode_append(ByteView data, std::string& out);

constexpr std::size_t base64_encoded_length(std::size_t byte_count) noexcept {
  return (byte_count + 2) / 3 * 4;
}

// The number of bytes `text` decodes to, or nothing when its length or padding is malformed.
// Characters other than the padding are not checked here.
std::optional<std::size_t> base64_decoded_length(std::string_view text) noexcept;

// Decodes `text` into `out`, which must hold base64_decoded_length(text) bytes.
// Returns false, leaving `out` unspecified, on any malformed input.
bool base64_decode_into(std::string_view text, std::uint8_t* out) noexcept;

// Decodes whole 4-character groups with no padding (the middle of a longer text, decoded in chunks):
// `text.size()` must be a multiple of 4 and `out` must hold text.size() / 4 * 3 bytes. Returns false on
// any character outside the alphabet, '=' included.
bool base64_decode_groups(std::string_view text, std::uint8_t* out) noexcept;

// Throws InputError naming `what` on malformed input.
Bytes base64_decode(std::string_view text, std::string_view what = "base64 text");
std::optional<Bytes> try_base64_decode(std::string_view text);
std::optional<SecureBytes> try_base64_decode_secret(std::string_view text);

// Python's base64.b64decode(bytes) without validate=True, which vantage6 uses on plaintexts: characters
// outside the alphabet are skipped, decoding stops at the first '=' that completes a group, and only a
// leftover partial group is an error (nothing is returned then).
std::optional<Bytes> base64_decode_lenient(ByteView text);

}  // namespace v6hsm
