// The encoder's vector path (24 bytes per step, base64_avx2.cpp) against the scalar table encoder: the
// dispatched encoder must give byte for byte what the scalar one gives at every length, around every block
// edge and for every byte value. The AVX2 blocks are also run directly (on a CPU with AVX2), so a CPU
// without it cannot hide a broken vector path behind the scalar fallback.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "format/base64_avx2.hpp"
#include "format/cpu_features.hpp"
#include "v6hsm/base64.hpp"

namespace v6hsm {
namespace {

Bytes random_data(std::size_t size, std::mt19937& random) {
  Bytes data(size);
  for (auto& byte : data) byte = static_cast<std::uint8_t>(random());
  return data;
}

std::string scalar_encode(ByteView data) {
  std::string out(base64_encoded_length(data.size()), '\0');
  detail::base64_encode_scalar(data, out.data());
  return out;
}

// The AVX2 blocks called without the CPU check, then the scalar encoder for what they leave.
std::string direct_avx2_encode(ByteView data) {
  std::string out(base64_encoded_length(data.size()), '\0');
  const std::size_t vector_bytes = detail::encode_blocks_avx2_unchecked(data.data(), data.size(), out.data());
  EXPECT_EQ(vector_bytes % 24, 0u);
  EXPECT_LE(vector_bytes + 4, std::max<std::size_t>(data.size(), 4)) << "the vector path reads 28 bytes per step";
  detail::base64_encode_scalar(data.subspan(vector_bytes), out.data() + vector_bytes / 3 * 4);
  return out;
}

// Lengths around multiples of the block sizes that matter: 24 input bytes per step, 28 read per step,
// 32 output characters per step, and 48 (two steps).
std::vector<std::size_t> block_edge_lengths() {
  std::vector<std::size_t> lengths;
  for (const std::size_t block : {24u, 28u, 32u, 48u}) {
    for (std::size_t multiple = 1; multiple <= 12; ++multiple) {
      for (const std::size_t length : {block * multiple - 1, block * multiple, block * multiple + 1}) {
        lengths.push_back(length);
      }
    }
  }
  return lengths;
}

void expect_paths_agree(ByteView data) {
  const std::string expected = scalar_encode(data);
  EXPECT_EQ(base64_encode(data), expected) << "dispatched, length " << data.size();
  if (detail::cpu_has_avx2()) {
    EXPECT_EQ(direct_avx2_encode(data), expected) << "direct AVX2, length " << data.size();
  }
}

TEST(Base64EncodePaths, AgreeAtEveryLengthUpTo200) {
  std::mt19937 random(19);
  for (std::size_t size = 0; size <= 200; ++size) expect_paths_agree(random_data(size, random));
}

TEST(Base64EncodePaths, AgreeAroundBlockEdges) {
  std::mt19937 random(23);
  for (const std::size_t size : block_edge_lengths()) expect_paths_agree(random_data(size, random));
}

TEST(Base64EncodePaths, AgreeOnEveryByteValueAtEveryPositionOfAStep) {
  // Each value in each of a group's three positions covers every sextet in all four output slots.
  for (std::size_t shift = 0; shift < 3; ++shift) {
    Bytes data(256 + 24 + shift);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i - shift);
    expect_paths_agree(data);
  }
}

TEST(Base64EncodePaths, AgreeOnALargeBufferAndAppendAfterExistingText) {
  std::mt19937 random(29);
  const Bytes data = random_data(100'003, random);
  expect_paths_agree(data);
  std::string out = "prefix$";
  base64_encode_append(data, out);
  EXPECT_EQ(out, "prefix$" + scalar_encode(data));
}

TEST(Base64EncodePaths, AvxBlocksEncodeRfc4648TextsDirectly) {
  if (!detail::cpu_has_avx2()) GTEST_SKIP() << "this CPU has no AVX2";
  // RFC 4648 section 10's texts, repeated so the vector path takes most of each.
  const std::pair<std::string, std::string> cases[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : cases) {
    std::string long_plain;
    std::string long_encoded;
    for (int i = 0; i < 16; ++i) {
      long_plain += "foobar";
      long_encoded += "Zm9vYmFy";
    }
    long_plain += plain;
    long_encoded += encoded;
    EXPECT_EQ(direct_avx2_encode(as_bytes(long_plain)), long_encoded) << plain;
    EXPECT_EQ(base64_encode(as_bytes(long_plain)), long_encoded) << plain;
  }
}

TEST(Base64EncodePaths, AvxBlocksConsumeNothingOfShortInputs) {
  if (!detail::cpu_has_avx2()) GTEST_SKIP() << "this CPU has no AVX2";
  const Bytes data(27, 0x5a);
  std::string out(64, '\0');
  EXPECT_EQ(detail::encode_blocks_avx2_unchecked(data.data(), data.size(), out.data()), 0u);
  EXPECT_EQ(detail::encode_blocks_avx2_unchecked(data.data(), 0, out.data()), 0u);
}

TEST(Base64EncodePaths, DecoderRoundTripsTheVectorEncoding) {
  std::mt19937 random(31);
  for (const std::size_t size : block_edge_lengths()) {
    const Bytes data = random_data(size, random);
    EXPECT_EQ(base64_decode(base64_encode(data)), data) << size;
  }
}

}  // namespace
}  // namespace v6hsm
