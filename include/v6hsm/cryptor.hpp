// Encrypting vantage6 payloads for a recipient public key, and decrypting payloads sent to our key.
// The shared secret is recovered by a KeyBackend (token or file); the payload itself is always handled in
// software with AES-256-CTR.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"
#include "v6hsm/envelope.hpp"
#include "v6hsm/key_backend.hpp"
#include "v6hsm/public_key.hpp"
#include "v6hsm/secure_buffer.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {

// A fresh random AES key and IV per call, exactly like vantage6's RSACryptor.encrypt_bytes_to_str.
std::string encrypt_to_string(ByteView plaintext, const PublicKey& recipient);
Bytes encrypt_to_blob(ByteView plaintext, const PublicKey& recipient);

// The deterministic core of the above, with the caller's key and IV (known-answer tests, and callers
// that manage their own randomness). `shared_key` must be 32 bytes.
std::string seal_to_string(ByteView plaintext, const PublicKey& recipient, const SecureBytes& shared_key,
                           const Iv& iv);

// Every failure before the plaintext exists throws DecryptionError; OutputMode::vantage6 may also throw
// PlaintextFormatError.
Bytes decrypt_string(const KeyBackend& key, std::string_view wire, OutputMode mode = OutputMode::raw);
// The blob form is returned as raw AES output, as vantage6's decrypt_bytes_blob_storage does.
Bytes decrypt_blob(const KeyBackend& key, ByteView blob);

// Either form, told apart by detect_envelope_form(); a trailing line break after the string form is
// ignored. The blob form ignores `mode` (vantage6 applies no heuristics to blobs).
Bytes decrypt_payload(const KeyBackend& key, ByteView payload, OutputMode mode = OutputMode::raw);
// The same, decrypting inside the payload's own buffer: no second buffer, memory peaks at the payload size.
Bytes decrypt_payload(const KeyBackend& key, Bytes&& payload, OutputMode mode = OutputMode::raw);
// The same inside a writable buffer the caller owns (a private mapping of the payload file, say): the
// plaintext is written over the start of `payload` and its length returned.
std::size_t decrypt_payload_in_place(const KeyBackend& key, std::span<std::uint8_t> payload,
                                     OutputMode mode = OutputMode::raw);

// Recovers the 32-byte shared AES key of an envelope header (RSA step plus the 32/44-byte rule).
SecureBytes recover_shared_key(const KeyBackend& key, const EnvelopeHeader& header);

}  // namespace v6hsm
