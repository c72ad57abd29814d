#include "v6hsm/aes_ctr.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

#include "crypto/openssl_handles.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {

struct AesCtr256::Context {
  detail::EvpCipherCtxPtr cipher{EVP_CIPHER_CTX_new()};
};

AesCtr256::AesCtr256(ByteView key, const Iv& iv) : context_(std::make_unique<Context>()) {
  if (key.size() != kSharedKeyLength) throw InputError("an AES-256 key must be 32 bytes");
  if (!context_->cipher ||
      EVP_EncryptInit_ex(context_->cipher.get(), EVP_aes_256_ctr(), nullptr, key.data(), iv.data()) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL could not set up AES-256-CTR: " + detail::take_openssl_error());
  }
}

AesCtr256::~AesCtr256() = default;
AesCtr256::AesCtr256(AesCtr256&&) noexcept = default;
AesCtr256& AesCtr256::operator=(AesCtr256&&) noexcept = default;

void AesCtr256::apply(ByteView input, std::uint8_t* output) {
  // EVP_EncryptUpdate takes an int length, so very large inputs go through in slices.
  constexpr std::size_t kSlice = std::size_t{1} << 30;
  for (std::size_t done = 0; done < input.size();) {
    const std::size_t slice = std::min(kSlice, input.size() - done);
    int written = 0;
    if (EVP_EncryptUpdate(context_->cipher.get(), output + done, &written, input.data() + done,
                          static_cast<int>(slice)) != 1 ||
        static_cast<std::size_t>(written) != slice) {
      throw Error(ErrorKind::internal, "OpenSSL AES-256-CTR failed: " + detail::take_openssl_error());
    }
    done += slice;
  }
}

Bytes AesCtr256::apply(ByteView input) {
  Bytes output(input.size());
  apply(input, output.data());
  return output;
}

}  // namespace v6hsm
