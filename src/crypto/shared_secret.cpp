#include "v6hsm/shared_secret.hpp"

#include "v6hsm/base64.hpp"
#include "v6hsm/envelope.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

// The web UI wraps base64(K): 44 characters ending in one '='.
constexpr std::size_t kBase64SharedKeyLength = base64_encoded_length(kSharedKeyLength);

}  // namespace

SecureBytes shared_key_from_recovered_secret(const SecureBytes& recovered) {
  if (recovered.size() == kSharedKeyLength) return recovered;
  if (recovered.size() == kBase64SharedKeyLength) {
    auto decoded = try_base64_decode_secret(as_chars(recovered));
    if (decoded && decoded->size() == kSharedKeyLength) return std::move(*decoded);
  }
  throw DecryptionError();
}

}  // namespace v6hsm
