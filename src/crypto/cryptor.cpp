#include "v6hsm/cryptor.hpp"

#include <cstring>

#include "crypto/base64_ctr.hpp"
#include "v6hsm/aes_ctr.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/random.hpp"
#include "v6hsm/shared_secret.hpp"

namespace v6hsm {
namespace {

struct Sealed {
  EnvelopeHeader header;
  Bytes ciphertext;
};

Sealed seal(ByteView plaintext, const PublicKey& recipient, const SecureBytes& shared_key, const Iv& iv) {
  AesCtr256 cipher(as_view(shared_key), iv);
  return {{recipient.encrypt_pkcs1v15(as_view(shared_key)), iv}, cipher.apply(plaintext)};
}

Sealed seal_fresh(ByteView plaintext, const PublicKey& recipient) {
  return seal(plaintext, recipient, random_secret(kSharedKeyLength), random_iv());
}

// Decodes and decrypts the string form's ciphertext into an exactly sized buffer, in one fused pass.
Bytes decrypt_base64_body(AesCtr256& cipher, std::string_view body_base64) {
  const auto length = base64_decoded_length(body_base64);
  if (!length) throw DecryptionError();
  Bytes body(*length);
  if (!detail::decode_and_decrypt(cipher, body_base64, body.data(), true)) throw DecryptionError();
  return body;
}

}  // namespace

std::string seal_to_string(ByteView plaintext, const PublicKey& recipient, const SecureBytes& shared_key,
                           const Iv& iv) {
  const Sealed sealed = seal(plaintext, recipient, shared_key, iv);
  return serialize_string_envelope(sealed.header, sealed.ciphertext);
}

std::string encrypt_to_string(ByteView plaintext, const PublicKey& recipient) {
  const Sealed sealed = seal_fresh(plaintext, recipient);
  return serialize_string_envelope(sealed.header, sealed.ciphertext);
}

Bytes encrypt_to_blob(ByteView plaintext, const PublicKey& recipient) {
  const Sealed sealed = seal_fresh(plaintext, recipient);
  return serialize_blob_envelope(sealed.header, sealed.ciphertext);
}

SecureBytes recover_shared_key(const KeyBackend& key, const EnvelopeHeader& header) {
  return shared_key_from_recovered_secret(key.recover_wrapped_secret(header.wrapped_key));
}

Bytes decrypt_string(const KeyBackend& key, std::string_view wire, OutputMode mode) {
  const StringEnvelope envelope = parse_string_envelope(wire);
  AesCtr256 cipher(as_view(recover_shared_key(key, envelope.header)), envelope.header.iv);
  Bytes plaintext = decrypt_base64_body(cipher, envelope.ciphertext_base64);
  return mode == OutputMode::vantage6 ? apply_vantage6_heuristics(std::move(plaintext)) : plaintext;
}

Bytes decrypt_blob(const KeyBackend& key, ByteView blob) {
  const BlobEnvelope envelope = parse_blob_envelope(blob);
  AesCtr256 cipher(as_view(recover_shared_key(key, envelope.header)), envelope.header.iv);
  return cipher.apply(envelope.ciphertext);
}

}  // namespace v6hsm

namespace v6hsm {

Bytes decrypt_payload(const KeyBackend& key, ByteView payload, OutputMode mode) {
  if (detect_envelope_form(payload) == EnvelopeForm::blob) return decrypt_blob(key, payload);
  return decrypt_string(key, trim_line_break(as_chars(payload)), mode);
}

// The plaintext is written over the payload from its first byte on: the write position never passes
// the read position, so one buffer holds both and memory peaks at the payload's size.
std::size_t decrypt_payload_in_place(const KeyBackend& key, std::span<std::uint8_t> payload, OutputMode mode) {
  if (detect_envelope_form(payload) == EnvelopeForm::blob) {
    const BlobEnvelope envelope = parse_blob_envelope(payload);
    AesCtr256 cipher(as_view(recover_shared_key(key, envelope.header)), envelope.header.iv);
    // OpenSSL refuses partially overlapping buffers, so decrypt in place first, then move to the front.
    const auto header_length = static_cast<std::size_t>(envelope.ciphertext.data() - payload.data());
    cipher.apply(envelope.ciphertext, payload.data() + header_length);
    std::memmove(payload.data(), payload.data() + header_length, envelope.ciphertext.size());
    return envelope.ciphertext.size();
  }
  const StringEnvelope envelope = parse_string_envelope(trim_line_break(as_chars(payload)));
  AesCtr256 cipher(as_view(recover_shared_key(key, envelope.header)), envelope.header.iv);
  const auto written = detail::decode_and_decrypt(cipher, envelope.ciphertext_base64, payload.data(), true);
  if (!written) throw DecryptionError();
  return mode == OutputMode::vantage6 ? apply_vantage6_heuristics_in_place(payload.first(*written)) : *written;
}

Bytes decrypt_payload(const KeyBackend& key, Bytes&& payload, OutputMode mode) {
  Bytes buffer = std::move(payload);
  buffer.resize(decrypt_payload_in_place(key, buffer, mode));
  return buffer;
}

}  // namespace v6hsm
