#include "v6hsm/software_key.hpp"

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <fstream>

#include "crypto/openssl_handles.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

constexpr std::size_t kMaxPemSize = 1 << 20;

// Refuses every passphrase request: vantage6 keys are unencrypted, and an encrypted PEM must fail
// cleanly instead of prompting on the terminal from inside OpenSSL.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

bool looks_encrypted(std::string_view pem) {
  return pem.find("ENCRYPTED") != std::string_view::npos;
}

SecureBytes read_secret_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("cannot open private key file '" + path.string() + "'");
  SecureBytes content(kMaxPemSize + 1);
  file.read(reinterpret_cast<char*>(content.data()), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(file.gcount()));
  if (content.size() > kMaxPemSize) {
    throw InputError("private key file '" + path.string() + "' is larger than 1 MiB; it is not a key");
  }
  return content;
}

}  // namespace

SoftwareKey::SoftwareKey(std::shared_ptr<EVP_PKEY> private_key, std::string description)
    : private_key_(std::move(private_key)),
      public_key_(PublicKey::from_evp(private_key_.get())),
      description_(std::move(description)) {}

SoftwareKey SoftwareKey::from_pem(ByteView pem) {
  if (looks_encrypted(as_chars(pem))) {
    throw InputError(
        "the private key PEM is encrypted; v6hsm imports only unencrypted keys (as vantage6 writes them). "
        "Decrypt it first, e.g. 'openssl pkey -in KEY -out PLAIN', and delete PLAIN after the import");
  }
  auto bio = detail::memory_bio(pem.data(), pem.size());
  detail::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr));
  detail::discard_openssl_errors();
  if (!key) {
    throw InputError(
        "not a usable private key PEM: expected '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1) or "
        "'-----BEGIN PRIVATE KEY-----' (PKCS#8)");
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    throw InputError("the private key is not an RSA key; vantage6 keys are RSA");
  }
  return SoftwareKey(detail::share(std::move(key)), "private key PEM");
}

SoftwareKey SoftwareKey::from_file(const std::filesystem::path& path) {
  const SecureBytes pem = read_secret_file(path);
  SoftwareKey key = from_pem(as_view(pem));
  key.description_ = "private key file '" + path.string() + "'";
  return key;
}

SecureBytes SoftwareKey::recover_wrapped_secret(ByteView wrapped) const {
  if (wrapped.size() != public_key_.modulus_length()) throw DecryptionError();
  detail::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new(private_key_.get(), nullptr));
  SecureBytes out(wrapped.size());
  std::size_t length = out.size();
  const bool ok = context && EVP_PKEY_decrypt_init(context.get()) == 1 &&
                  EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) == 1 &&
                  EVP_PKEY_decrypt(context.get(), out.data(), &length, wrapped.data(), wrapped.size()) == 1;
  // The padding error reason must not travel anywhere, so it is dropped here.
  detail::discard_openssl_errors();
  if (!ok) throw DecryptionError();
  out.resize(length);
  return out;
}

}  // namespace v6hsm
