// The vector paths of base64_avx2.cpp. Decoding: the strict decoder's whole-group path (the AVX2 blocks
// and the scalar tail) against OpenSSL's EVP_DecodeBlock; the input is taken as text at a few offsets, so
// the 32-character blocks start at every alignment, and is also decoded in place. Encoding: the input as
// bytes, encoded by the dispatched encoder and by the AVX2 blocks called directly, must match the scalar
// encoder byte for byte and decode back to the input.
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/base64_avx2.hpp"
#include "format/cpu_features.hpp"
#include "fuzz_support.hpp"
#include "v6hsm/base64.hpp"

namespace v6hsm::fuzz {
namespace {

bool in_alphabet(char character) {
  return std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(character) !=
         std::string_view::npos;
}

void check_groups(std::string_view text) {
  text = text.substr(0, text.size() / 4 * 4);
  Bytes ours(text.size() / 4 * 3);
  const bool accepted = base64_decode_groups(text, ours.data());
  check(accepted == std::all_of(text.begin(), text.end(), in_alphabet), "whole groups accept exactly the alphabet");
  if (!accepted) return;
  Bytes expected(ours.size());
  const int length = EVP_DecodeBlock(expected.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  check(length == static_cast<int>(expected.size()) && ours == expected, "whole groups decode like EVP_DecodeBlock");
  std::string in_place(text);
  check(base64_decode_groups(in_place, reinterpret_cast<std::uint8_t*>(in_place.data())) &&
            std::equal(expected.begin(), expected.end(), reinterpret_cast<const std::uint8_t*>(in_place.data())),
        "in-place decoding gives the same bytes");
}

std::string encode_with_direct_avx2(ByteView data) {
  std::string out(base64_encoded_length(data.size()), '\0');
  const std::size_t vector_bytes = detail::encode_blocks_avx2_unchecked(data.data(), data.size(), out.data());
  check(vector_bytes % 24 == 0 && (vector_bytes == 0 || vector_bytes + 4 <= data.size()),
        "the AVX2 encoder consumes whole steps and reads only the input");
  detail::base64_encode_scalar(data.subspan(vector_bytes), out.data() + vector_bytes / 3 * 4);
  return out;
}

void check_encode(ByteView data) {
  std::string expected(base64_encoded_length(data.size()), '\0');
  detail::base64_encode_scalar(data, expected.data());
  const std::string dispatched = base64_encode(data);
  check(dispatched == expected, "the dispatched encoder matches the scalar encoder");
  if (detail::cpu_has_avx2()) {
    check(encode_with_direct_avx2(data) == expected, "the AVX2 encoder matches the scalar encoder");
  }
  const auto decoded = try_base64_decode(dispatched);
  check(decoded && std::equal(decoded->begin(), decoded->end(), data.begin(), data.end()),
        "the decoder round-trips the encoding");
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > INT_MAX / 2) return 0;  // EVP_DecodeBlock takes an int length
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t offset = 0; offset < std::min<std::size_t>(size, 4); ++offset) {
    v6hsm::fuzz::check_groups(text.substr(offset));
  }
  v6hsm::fuzz::check_encode(v6hsm::ByteView(data, size));
  return 0;
}
