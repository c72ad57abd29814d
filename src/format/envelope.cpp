#include "v6hsm/envelope.hpp"

#include <algorithm>

#include "format/base64_avx2.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

struct HeaderFields {
  std::string_view wrapped_key_base64;
  std::string_view iv_base64;
  std::size_t length;  // up to and including the second separator
};

HeaderFields split_header(std::string_view text) {
  const auto first = text.find(kEnvelopeSeparator);
  if (first == std::string_view::npos) throw DecryptionError();
  const auto second = text.find(kEnvelopeSeparator, first + 1);
  if (second == std::string_view::npos) throw DecryptionError();
  return {text.substr(0, first), text.substr(first + 1, second - first - 1), second + 1};
}

EnvelopeHeader decode_header(const HeaderFields& fields) {
  EnvelopeHeader header;
  auto wrapped_key = try_base64_decode(fields.wrapped_key_base64);
  if (!wrapped_key || wrapped_key->empty()) throw DecryptionError();
  header.wrapped_key = std::move(*wrapped_key);

  if (base64_decoded_length(fields.iv_base64) != kIvLength) throw DecryptionError();
  if (!base64_decode_into(fields.iv_base64, header.iv.data())) throw DecryptionError();
  return header;
}

}  // namespace

std::string_view trim_line_break(std::string_view wire) {
  if (wire.ends_with('\n')) wire.remove_suffix(1);
  if (wire.ends_with('\r')) wire.remove_suffix(1);
  return wire;
}

EnvelopeForm body_form(ByteView body) {
  // The string form's body is text, so any text is taken for the string form, even a damaged one: a
  // truncated or altered string payload must fail to decrypt, never decrypt to garbage as a blob. The
  // vector check settles the usual well-formed body; a blob body ends the scan at its first binary byte.
  auto unpadded = trim_line_break(as_chars(body));
  for (int pad = 0; pad < 2 && unpadded.ends_with('='); ++pad) unpadded.remove_suffix(1);
  if (detail::all_base64_alphabet(unpadded)) return EnvelopeForm::string;
  const bool binary = std::any_of(body.begin(), body.end(), [](std::uint8_t byte) {
    return (byte < 0x20 && byte != '\n' && byte != '\r') || byte >= 0x7f;
  });
  return binary ? EnvelopeForm::blob : EnvelopeForm::string;
}

EnvelopeForm detect_envelope_form(ByteView payload) {
  const auto text = as_chars(payload);
  const auto first = text.find(kEnvelopeSeparator);
  const auto second = first == std::string_view::npos ? first : text.find(kEnvelopeSeparator, first + 1);
  if (second == std::string_view::npos) return EnvelopeForm::string;  // malformed either way
  return body_form(payload.subspan(second + 1));
}

StringEnvelope parse_string_envelope(std::string_view wire) {
  const auto fields = split_header(wire);
  const auto body = wire.substr(fields.length);
  // A third separator means a fourth part; vantage6 (split("$", 2)) would fail on it later too.
  if (body.find(kEnvelopeSeparator) != std::string_view::npos) throw DecryptionError();
  if (!base64_decoded_length(body)) throw DecryptionError();
  return {decode_header(fields), body};
}

BlobEnvelope parse_blob_envelope(ByteView blob) {
  // Only the header is text; the separators must show up before the header length limit, so a huge
  // binary body is never scanned.
  const auto searchable = as_chars(blob.first(std::min(blob.size(), kMaxEnvelopeHeaderLength)));
  const auto fields = split_header(searchable);
  return {decode_header(fields), blob.subspan(fields.length)};
}

std::string serialize_envelope_header(const EnvelopeHeader& header) {
  std::string out;
  out.reserve(base64_encoded_length(header.wrapped_key.size()) + base64_encoded_length(kIvLength) + 2);
  base64_encode_append(header.wrapped_key, out);
  out.push_back(kEnvelopeSeparator);
  base64_encode_append(header.iv, out);
  out.push_back(kEnvelopeSeparator);
  return out;
}

std::string serialize_string_envelope(const EnvelopeHeader& header, ByteView ciphertext) {
  std::string out = serialize_envelope_header(header);
  out.reserve(out.size() + base64_encoded_length(ciphertext.size()));
  base64_encode_append(ciphertext, out);
  return out;
}

Bytes serialize_blob_envelope(const EnvelopeHeader& header, ByteView ciphertext) {
  const std::string text_header = serialize_envelope_header(header);
  Bytes out;
  out.reserve(text_header.size() + ciphertext.size());
  const auto header_bytes = as_bytes(text_header);
  out.insert(out.end(), header_bytes.begin(), header_bytes.end());
  out.insert(out.end(), ciphertext.begin(), ciphertext.end());
  return out;
}

}  // namespace v6hsm
