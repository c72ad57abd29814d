// An RSA public key: a recipient to encrypt for, or the public half of our own token or file key.
// Exports are byte-identical to OpenSSL PEM_write_bio_PUBKEY, which is what vantage6 (pyca/cryptography)
// publishes, so a stock vantage6 node holding the same key sees an exact match.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace v6hsm {

class PublicKey {
 public:
  // The vantage6 API value: base64 of a PEM (SPKI "PUBLIC KEY" or PKCS#1 "RSA PUBLIC KEY").
  static PublicKey from_api_string(std::string_view api_string);
  // PEM text, SPKI or PKCS#1.
  static PublicKey from_pem(std::string_view pem);
  // A file holding either a PEM or the API string.
  static PublicKey from_file(const std::filesystem::path& path);
  // Big-endian modulus and public exponent, as in CKA_MODULUS / CKA_PUBLIC_EXPONENT.
  static PublicKey from_components(ByteView modulus, ByteView public_exponent);
  // Takes a reference to an existing RSA EVP_PKEY (the caller keeps its own reference).
  static PublicKey from_evp(EVP_PKEY* key);

  std::string spki_pem() const;
  Bytes spki_der() const;
  std::string api_string() const;   // base64(spki_pem())
  std::string fingerprint() const;  // "sha256:" + hex of SHA-256(SPKI DER)
  Bytes modulus() const;
  Bytes public_exponent() const;
  int bits() const;
  std::size_t modulus_length() const;  // bytes, = the length of every RSA ciphertext

  // RSA PKCS#1 v1.5 encryption (CKM_RSA_PKCS), as vantage6 wraps the shared AES key.
  Bytes encrypt_pkcs1v15(ByteView message) const;

  // The same RSA key (modulus and exponent), whatever the encoding it came from.
  bool operator==(const PublicKey& other) const;

  EVP_PKEY* native() const noexcept { return key_.get(); }

 private:
  explicit PublicKey(std::shared_ptr<EVP_PKEY> key);
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace v6hsm
