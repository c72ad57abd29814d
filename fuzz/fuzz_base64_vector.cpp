// The strict decoder's whole-group path (the AVX2 blocks of base64_avx2.cpp and the scalar tail) against
// OpenSSL's EVP_DecodeBlock. The input is taken as text at a few offsets, so the 32-character blocks
// start at every alignment, and is also decoded in place.
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>

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

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > INT_MAX / 2) return 0;  // EVP_DecodeBlock takes an int length
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t offset = 0; offset < std::min<std::size_t>(size, 4); ++offset) {
    v6hsm::fuzz::check_groups(text.substr(offset));
  }
  return 0;
}
