#include "v6hsm/aes_ctr.hpp"

#include <gtest/gtest.h>

#include "v6hsm/error.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

using test::from_hex;
using test::to_hex;

Iv iv_from_hex(std::string_view hex) {
  Iv iv{};
  const Bytes bytes = from_hex(hex);
  std::copy(bytes.begin(), bytes.end(), iv.begin());
  return iv;
}

// NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt.
constexpr std::string_view kNistKey = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
constexpr std::string_view kNistCounter = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
constexpr std::string_view kNistPlain =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
constexpr std::string_view kNistCipher =
    "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";

TEST(AesCtr256, MatchesNistVector) {
  AesCtr256 cipher(from_hex(kNistKey), iv_from_hex(kNistCounter));
  EXPECT_EQ(to_hex(cipher.apply(from_hex(kNistPlain))), kNistCipher);
}

TEST(AesCtr256, ChunkedEqualsOneShot) {
  const Bytes plain(1000, 0x5a);
  AesCtr256 whole(from_hex(kNistKey), iv_from_hex(kNistCounter));
  const Bytes expected = whole.apply(plain);
  AesCtr256 chunked(from_hex(kNistKey), iv_from_hex(kNistCounter));
  Bytes out(plain.size());
  std::size_t done = 0;
  for (std::size_t chunk : {1u, 15u, 16u, 17u, 100u, 851u}) {
    chunked.apply(ByteView(plain).subspan(done, chunk), out.data() + done);
    done += chunk;
  }
  ASSERT_EQ(done, plain.size());
  EXPECT_EQ(out, expected);
}

TEST(AesCtr256, WorksInPlaceAndInvertsItself) {
  Bytes data = from_hex(kNistPlain);
  AesCtr256 encrypt(from_hex(kNistKey), iv_from_hex(kNistCounter));
  encrypt.apply(data, data.data());
  EXPECT_EQ(to_hex(data), kNistCipher);
  AesCtr256 decrypt(from_hex(kNistKey), iv_from_hex(kNistCounter));
  decrypt.apply(data, data.data());
  EXPECT_EQ(to_hex(data), kNistPlain);
}

// The counter is one 128-bit integer: after ff..ff comes 00..00, and after 00..00ffffffff comes
// 00..0100000000 (a carry out of the low 32 bits, where the web UI's CryptoJS would differ).
TEST(AesCtr256, CounterCarriesAcrossAll128Bits) {
  const Bytes key = from_hex(kNistKey);
  const Bytes zeros(16, 0);
  for (const auto& [start, next] : {std::pair{"ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000"},
                                    std::pair{"000000000000000000000000ffffffff", "00000000000000000000000100000000"}}) {
    AesCtr256 across(key, iv_from_hex(start));
    const Bytes two_blocks = across.apply(Bytes(32, 0));
    AesCtr256 second(key, iv_from_hex(next));
    EXPECT_EQ(Bytes(two_blocks.begin() + 16, two_blocks.end()), second.apply(zeros)) << start;
  }
}

TEST(AesCtr256, RejectsWrongKeyLength) {
  EXPECT_THROW(AesCtr256(Bytes(31, 0), Iv{}), InputError);
  EXPECT_THROW(AesCtr256(Bytes(16, 0), Iv{}), InputError);
}

}  // namespace
}  // namespace v6hsm
