// The strict decoder's vector path (32 characters per step, base64_avx2.cpp) seen through the public API:
// it must accept exactly the alphabet at every position of a block, decode what OpenSSL decodes, and work
// in place. On a CPU without AVX2 the same tests cover the scalar path.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "v6hsm/base64.hpp"

namespace v6hsm {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string random_text(std::mt19937& random, std::size_t length) {
  std::string text(length, 'A');
  for (char& character : text) character = kAlphabet[random() % kAlphabet.size()];
  return text;
}

Bytes openssl_decode(std::string_view text) {
  Bytes out(text.size() / 4 * 3);
  EXPECT_EQ(EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size())),
            static_cast<int>(out.size()));
  return out;
}

TEST(Base64Groups, AcceptExactlyTheAlphabetAtEveryPositionOfABlock) {
  std::mt19937 random(7);
  for (std::size_t position = 0; position < 64; ++position) {
    for (int value = 0; value < 256; ++value) {
      std::string text = random_text(random, 64);
      text[position] = static_cast<char>(value);
      Bytes out(48);
      const bool in_alphabet = kAlphabet.find(static_cast<char>(value)) != std::string_view::npos;
      ASSERT_EQ(base64_decode_groups(text, out.data()), in_alphabet) << "byte " << value << " at " << position;
      if (in_alphabet) {
        ASSERT_EQ(out, openssl_decode(text)) << "byte " << value << " at " << position;
      }
    }
  }
}

TEST(Base64Groups, DecodeLikeOpenSslAtEveryLengthAroundTheBlockSize) {
  std::mt19937 random(11);
  for (std::size_t groups = 0; groups <= 40; ++groups) {
    const std::string text = random_text(random, groups * 4);
    Bytes out(groups * 3);
    ASSERT_TRUE(base64_decode_groups(text, out.data())) << groups;
    EXPECT_EQ(out, openssl_decode(text)) << groups;
  }
}

TEST(Base64Groups, DecodeInPlace) {
  std::mt19937 random(13);
  for (const std::size_t groups : {8u, 9u, 64u, 1000u}) {
    std::string text = random_text(random, groups * 4);
    const Bytes expected = openssl_decode(text);
    ASSERT_TRUE(base64_decode_groups(text, reinterpret_cast<std::uint8_t*>(text.data())));
    EXPECT_EQ(Bytes(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(expected.size())), expected);
  }
}

TEST(Base64Groups, RejectPaddingInsideAndABadCharacterAfterTheLastWholeBlock) {
  std::mt19937 random(17);
  std::string text = random_text(random, 96);
  Bytes out(72);
  text[40] = '=';
  EXPECT_FALSE(base64_decode_groups(text, out.data()));
  text[40] = 'A';
  text[95] = '-';  // the scalar tail after the vector blocks
  EXPECT_FALSE(base64_decode_groups(text.substr(0, 96), out.data()));
  EXPECT_FALSE(base64_decode_groups(std::string(text.substr(0, 64)) + "AA-A", out.data()));
}

}  // namespace
}  // namespace v6hsm
