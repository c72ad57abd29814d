// A private key held in process memory, loaded from an unencrypted RSA PEM (PKCS#1 or PKCS#8): the way
// vantage6 keeps its key today. Used for tests, for comparisons with the token, and for migrating a file
// key onto a token.
#pragma once

#include <filesystem>
#include <memory>

#include "v6hsm/key_backend.hpp"

namespace v6hsm {

class SoftwareKey final : public KeyBackend {
 public:
  // Throws InputError for an encrypted, non-RSA or unreadable PEM; the message never quotes the PEM.
  static SoftwareKey from_pem(ByteView pem);
  static SoftwareKey from_file(const std::filesystem::path& path);

  const PublicKey& public_key() const override { return public_key_; }
  SecureBytes recover_wrapped_secret(ByteView wrapped) const override;
  std::string description() const override { return description_; }

  // The private key, for importing it onto a token. It never leaves the process otherwise.
  EVP_PKEY* native() const noexcept { return private_key_.get(); }

 private:
  SoftwareKey(std::shared_ptr<EVP_PKEY> private_key, std::string description);
  std::shared_ptr<EVP_PKEY> private_key_;
  PublicKey public_key_;
  std::string description_;
};

}  // namespace v6hsm
