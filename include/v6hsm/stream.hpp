// Encrypting and decrypting payloads as streams, in fixed-size chunks, so a payload of any size goes
// through in bounded memory (file to file, pipe to pipe). Both forms are supported; the output of a
// stream decryption is the raw AES output (vantage6's JSON/base64 rules need the whole plaintext, use
// decrypt_string for those).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "v6hsm/bytes.hpp"
#include "v6hsm/envelope.hpp"
#include "v6hsm/key_backend.hpp"
#include "v6hsm/public_key.hpp"

namespace v6hsm {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes; returns 0 only at the end of the input.
  virtual std::size_t read(std::uint8_t* buffer, std::size_t capacity) = 0;
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(ByteView data) = 0;
};

inline constexpr std::size_t kStreamChunkSize = std::size_t{1} << 20;

// Decrypts either form (told apart from the first chunk of the body unless `form` says which). A
// trailing line break after the string form is ignored. Every failure throws DecryptionError; output
// already written before a failure in the body stays written, so write to a temporary file and rename it
// on success where that matters.
void decrypt_stream(const KeyBackend& key, ByteSource& in, ByteSink& out, std::optional<EnvelopeForm> form = {});

// Writes the envelope in the given form; the string form gets no trailing line break.
void encrypt_stream(const PublicKey& recipient, ByteSource& in, ByteSink& out, EnvelopeForm form);

}  // namespace v6hsm
