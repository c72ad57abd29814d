// "Our" key, as the cryptor sees it: the public half, and a way to recover a wrapped secret with the
// private half. A token key and a software PEM key are the two implementations, so the payload code
// never knows where the private key lives.
#pragma once

#include <string>

#include "v6hsm/bytes.hpp"
#include "v6hsm/public_key.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

class KeyBackend {
 public:
  virtual ~KeyBackend() = default;

  virtual const PublicKey& public_key() const = 0;

  // RSA PKCS#1 v1.5 decryption of `wrapped` with the private key: the raw result, before any 32/44-byte
  // interpretation. Every failure throws DecryptionError and nothing else. Implementations must be
  // safe to call from several threads at once.
  virtual SecureBytes recover_wrapped_secret(ByteView wrapped) const = 0;

  // Where the key lives, for messages and reports ("token 'org' key 'vantage6'", "file key.pem").
  virtual std::string description() const = 0;
};

}  // namespace v6hsm
