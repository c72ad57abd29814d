#include <openssl/crypto.h>

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm {

void secure_wipe(void* data, std::size_t size) noexcept {
  if (data != nullptr && size != 0) {
    OPENSSL_cleanse(data, size);
  }
}

}  // namespace v6hsm
