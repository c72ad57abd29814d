#include "v6hsm/unencrypted.hpp"

#include "v6hsm/base64.hpp"

namespace v6hsm {

std::string encode_unencrypted(ByteView plaintext) { return base64_encode(plaintext); }

Bytes decode_unencrypted(std::string_view wire) {
  return base64_decode(wire, "the unencrypted payload");
}

}  // namespace v6hsm
