#include "v6hsm/random.hpp"

#include <openssl/rand.h>

#include <climits>

#include "crypto/openssl_handles.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

void fill_random(std::uint8_t* data, std::size_t size) {
  if (size > static_cast<std::size_t>(INT_MAX) || RAND_bytes(data, static_cast<int>(size)) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL could not produce random bytes: " + detail::take_openssl_error());
  }
}

}  // namespace

SecureBytes random_secret(std::size_t length) {
  SecureBytes secret(length);
  fill_random(secret.data(), secret.size());
  return secret;
}

Iv random_iv() {
  Iv iv{};
  fill_random(iv.data(), iv.size());
  return iv;
}

}  // namespace v6hsm
