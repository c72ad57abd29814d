#include "crypto/base64_ctr.hpp"

#include <algorithm>
#include <optional>

#include "v6hsm/base64.hpp"

namespace v6hsm::detail {

std::optional<std::size_t> decode_and_decrypt(AesCtr256& cipher, std::string_view text, std::uint8_t* out, bool final) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t written = 0;
  while (!text.empty()) {
    const bool last_chunk = text.size() <= kFusedChunkCharacters;
    const auto chunk = text.substr(0, std::min(text.size(), kFusedChunkCharacters));
    std::size_t length = chunk.size() / 4 * 3;
    if (last_chunk && final) {
      const auto padded_length = base64_decoded_length(chunk);
      if (!padded_length || !base64_decode_into(chunk, out + written)) return std::nullopt;
      length = *padded_length;
    } else if (!base64_decode_groups(chunk, out + written)) {
      return std::nullopt;
    }
    cipher.apply(ByteView(out + written, length), out + written);
    written += length;
    text.remove_prefix(chunk.size());
  }
  return written;
}

}  // namespace v6hsm::detail
