// The vantage6 wire format (pure code, no I/O, no crypto).
//
//   string form:  base64(EK) "$" base64(IV) "$" base64(C)
//   blob form:    ASCII(base64(EK) "$" base64(IV) "$") || C        (C raw, used by blob storage)
//
// EK is the RSA PKCS#1 v1.5 wrapped AES key, IV the 16-byte initial AES-CTR counter block, C the
// AES-256-CTR ciphertext. Parsing is strict; every parse failure throws DecryptionError, because a
// parse failure is a decryption failure as far as a sender can observe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"

namespace v6hsm {

inline constexpr char kEnvelopeSeparator = '$';
inline constexpr std::size_t kSharedKeyLength = 32;
inline constexpr std::size_t kIvLength = 16;
// Enough for the base64 of a 16384-bit RSA block plus the IV: a blob header longer than this is not one.
inline constexpr std::size_t kMaxEnvelopeHeaderLength = 4096;

using Iv = std::array<std::uint8_t, kIvLength>;

struct EnvelopeHeader {
  Bytes wrapped_key;  // EK, non-empty
  Iv iv{};
};

struct StringEnvelope {
  EnvelopeHeader header;
  std::string_view ciphertext_base64;  // borrowed from the parsed text; validated when decoded
};

struct BlobEnvelope {
  EnvelopeHeader header;
  ByteView ciphertext;  // borrowed from the parsed blob
};

enum class EnvelopeForm { string, blob };

// Tells the two forms apart by the body after the header: text (printable ASCII and line breaks) is the
// string form, even when it is not valid base64, so that a damaged string payload fails to decrypt instead
// of decrypting to garbage as a blob; a body with any other byte is the blob form. A blob whose short
// body happens to be all printable is indistinguishable (for n random body bytes the chance is
// (97/256)^n); callers that know the form should say so instead of detecting it.
EnvelopeForm detect_envelope_form(ByteView payload);
// The same decision from the body alone, or from its first bytes (a stream's look-ahead).
EnvelopeForm body_form(ByteView body);

// The string form without the line break a file or pipe usually adds at the end.
std::string_view trim_line_break(std::string_view wire);

StringEnvelope parse_string_envelope(std::string_view wire);
BlobEnvelope parse_blob_envelope(ByteView blob);

// "base64(EK)$base64(IV)$": the header of both forms.
std::string serialize_envelope_header(const EnvelopeHeader& header);
std::string serialize_string_envelope(const EnvelopeHeader& header, ByteView ciphertext);
Bytes serialize_blob_envelope(const EnvelopeHeader& header, ByteView ciphertext);

}  // namespace v6hsm
