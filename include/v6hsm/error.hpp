// The error types of the library. Every error carries a kind, which the CLI maps to its exit code, and a
// message that says what failed and what to do. No message ever contains a secret.
#pragma once

#include <stdexcept>
#include <string>

namespace v6hsm {

enum class ErrorKind {
  usage,       // bad arguments or unusable input files (exit code 1)
  token,       // PKCS#11 module, token, PIN or key problem (exit code 2)
  server,      // vantage6 server unreachable, refused or answered nonsense (exit code 3)
  decryption,  // a payload could not be decrypted (exit code 4)
  not_found,   // a named token, key or organization does not exist (exit code 5)
  internal,    // a library (OpenSSL, libcurl) failed where it should not (exit code 1)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// Malformed input that is not a ciphertext: a bad PEM, a bad public-key string, a bad option value.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ErrorKind::usage, message) {}
};

// The one error every decryption failure becomes. Malformed envelopes, bad base64, bad RSA padding,
// a wrong key and a wrong secret length all look exactly alike, so a server feeding chosen ciphertexts
// learns nothing (PKCS#1 v1.5 is exposed to Bleichenbacher-style padding oracles).
class DecryptionError : public Error {
 public:
  static constexpr const char* kMessage =
      "decryption failed: the payload is malformed, corrupted, or was not encrypted for this key";
  DecryptionError() : Error(ErrorKind::decryption, kMessage) {}
};

// The payload decrypted, but the vantage6 plaintext heuristics reject it exactly where vantage6 itself
// raises (UTF-8 text that is neither JSON nor base64, or bytes that are not UTF-8).
class PlaintextFormatError : public Error {
 public:
  explicit PlaintextFormatError(const std::string& message) : Error(ErrorKind::decryption, message) {}
};

class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ErrorKind::not_found, message) {}
};

}  // namespace v6hsm
