#include "v6hsm/stream.hpp"

#include <algorithm>

#include "crypto/base64_ctr.hpp"
#include "v6hsm/aes_ctr.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/random.hpp"

namespace v6hsm {
namespace {

// Plaintext bytes per chunk when encrypting: a multiple of 3, so the base64 of consecutive chunks
// concatenates to the base64 of the whole.
constexpr std::size_t kPlainChunk = kStreamChunkSize / 4 * 3;
// Body bytes looked at to tell the string form from the blob form.
constexpr std::size_t kFormProbeLength = 4096;
// Characters held back from each string-form chunk: the last group (which may be padded) and a line
// break, so they are decoded only once the end of the input is known.
constexpr std::size_t kHeldBackCharacters = 4 + 2;

// Appends from `in` until `buffer` holds `target` bytes; false when the input ended first.
bool fill(ByteSource& in, Bytes& buffer, std::size_t target) {
  while (buffer.size() < target) {
    const std::size_t start = buffer.size();
    buffer.resize(target);
    const std::size_t count = in.read(buffer.data() + start, target - start);
    buffer.resize(start + count);
    if (count == 0) return false;
  }
  return true;
}

std::size_t read_full(ByteSource& in, std::uint8_t* buffer, std::size_t capacity) {
  std::size_t total = 0;
  while (total < capacity) {
    const std::size_t count = in.read(buffer + total, capacity - total);
    if (count == 0) break;
    total += count;
  }
  return total;
}

// Reads until the header's two separators are in `buffer` (which may then hold part of the body too).
BlobEnvelope read_header(ByteSource& in, Bytes& buffer) {
  while (std::count(buffer.begin(), buffer.end(), kEnvelopeSeparator) < 2 && buffer.size() < kMaxEnvelopeHeaderLength) {
    if (!fill(in, buffer, std::min(buffer.size() + 1024, kMaxEnvelopeHeaderLength))) break;
  }
  return parse_blob_envelope(buffer);
}

void decrypt_blob_body(AesCtr256& cipher, Bytes& pending, ByteSource& in, ByteSink& out) {
  cipher.apply(pending, pending.data());
  out.write(pending);
  Bytes chunk(kStreamChunkSize);
  while (const std::size_t count = in.read(chunk.data(), chunk.size())) {
    cipher.apply(ByteView(chunk.data(), count), chunk.data());
    out.write(ByteView(chunk.data(), count));
  }
}

void decrypt_string_body(AesCtr256& cipher, Bytes& text, ByteSource& in, ByteSink& out) {
  for (;;) {
    const bool more = fill(in, text, kStreamChunkSize + kHeldBackCharacters);
    if (!more) break;
    const std::size_t usable = (text.size() - kHeldBackCharacters) / 4 * 4;
    const auto written = detail::decode_and_decrypt(cipher, as_chars(ByteView(text).first(usable)), text.data(), false);
    if (!written) throw DecryptionError();
    out.write(ByteView(text.data(), *written));
    text.erase(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(usable));
  }
  const auto rest = trim_line_break(as_chars(text));
  const auto written = detail::decode_and_decrypt(cipher, rest, text.data(), true);
  if (!written) throw DecryptionError();
  out.write(ByteView(text.data(), *written));
}

}  // namespace

void decrypt_stream(const KeyBackend& key, ByteSource& in, ByteSink& out, std::optional<EnvelopeForm> form) {
  Bytes buffer;
  buffer.reserve(kStreamChunkSize + kMaxEnvelopeHeaderLength);
  const BlobEnvelope envelope = read_header(in, buffer);
  const auto header_length = static_cast<std::ptrdiff_t>(envelope.ciphertext.data() - buffer.data());
  AesCtr256 cipher(as_view(recover_shared_key(key, envelope.header)), envelope.header.iv);
  buffer.erase(buffer.begin(), buffer.begin() + header_length);

  if (!form) {
    fill(in, buffer, kFormProbeLength);
    form = body_form(buffer);
  }
  if (*form == EnvelopeForm::blob) {
    decrypt_blob_body(cipher, buffer, in, out);
  } else {
    decrypt_string_body(cipher, buffer, in, out);
  }
}

void encrypt_stream(const PublicKey& recipient, ByteSource& in, ByteSink& out, EnvelopeForm form) {
  const SecureBytes shared_key = random_secret(kSharedKeyLength);
  const EnvelopeHeader header{recipient.encrypt_pkcs1v15(as_view(shared_key)), random_iv()};
  out.write(as_bytes(serialize_envelope_header(header)));
  AesCtr256 cipher(as_view(shared_key), header.iv);
  Bytes chunk(kPlainChunk);
  std::string text;
  for (;;) {
    const std::size_t count = read_full(in, chunk.data(), chunk.size());
    const ByteView plain(chunk.data(), count);
    cipher.apply(plain, chunk.data());
    if (form == EnvelopeForm::blob) {
      out.write(plain);
    } else {
      text.clear();
      base64_encode_append(plain, text);
      out.write(as_bytes(text));
    }
    if (count < chunk.size()) break;
  }
}

}  // namespace v6hsm
