// Owning handles for OpenSSL objects, and the text of OpenSSL's error queue for messages.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>
#include <string>

namespace v6hsm::detail {

template <auto FreeFunction>
struct OpenSslDeleter {
  template <class T>
  void operator()(T* object) const noexcept {
    FreeFunction(object);
  }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OpenSslDeleter<EVP_CIPHER_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;

inline std::shared_ptr<EVP_PKEY> share(EvpPkeyPtr key) { return {key.release(), EVP_PKEY_free}; }

// A read-only memory BIO over `data`; the data must outlive the BIO.
BioPtr memory_bio(const void* data, std::size_t size);

// The contents of a write BIO as a string.
std::string bio_contents(BIO* bio);

// Takes and clears OpenSSL's error queue, returning its last reason ("bad decrypt") or "unknown error".
std::string take_openssl_error();

// Clears OpenSSL's error queue without reading it (used where the reason must not be exposed).
void discard_openssl_errors() noexcept;

}  // namespace v6hsm::detail
