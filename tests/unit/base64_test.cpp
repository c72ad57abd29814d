#include "v6hsm/base64.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

struct Rfc4648Case {
  const char* plain;
  const char* encoded;
};

// RFC 4648 section 10.
constexpr Rfc4648Case kRfc4648[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                    {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                    {"foobar", "Zm9vYmFy"}};

TEST(Base64, EncodesRfc4648Vectors) {
  for (const auto& item : kRfc4648) EXPECT_EQ(base64_encode(as_bytes(item.plain)), item.encoded) << item.plain;
}

TEST(Base64, DecodesRfc4648Vectors) {
  for (const auto& item : kRfc4648) EXPECT_EQ(to_string(base64_decode(item.encoded)), item.plain) << item.encoded;
}

Bytes random_bytes(std::size_t size) {
  Bytes out(size);
  if (size > 0) {
    EXPECT_EQ(RAND_bytes(out.data(), static_cast<int>(size)), 1);
  }
  return out;
}

TEST(Base64, RoundTripsEveryLengthUpTo300) {
  for (std::size_t size = 0; size <= 300; ++size) {
    const Bytes data = random_bytes(size);
    const std::string encoded = base64_encode(data);
    ASSERT_EQ(encoded.size(), base64_encoded_length(size));
    ASSERT_EQ(base64_decode(encoded), data) << size;
  }
}

TEST(Base64, MatchesOpenSslEncoder) {
  for (std::size_t size : {1u, 2u, 3u, 47u, 48u, 1000u, 4096u}) {
    const Bytes data = random_bytes(size);
    std::string expected(base64_encoded_length(size) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(expected.data()), data.data(),
                                       static_cast<int>(size));
    expected.resize(static_cast<std::size_t>(length));
    EXPECT_EQ(base64_encode(data), expected);
  }
}

TEST(Base64, AppendKeepsExistingText) {
  std::string out = "prefix$";
  base64_encode_append(as_bytes("foo"), out);
  EXPECT_EQ(out, "prefix$Zm9v");
}

TEST(Base64, StrictDecoderRejectsMalformedText) {
  for (const char* bad : {"Zg=", "Zg", "Z", "Zm9v\n", " Zm9v", "Zm9v Zg==", "Zm-v", "Zm_v", "Zg==Zg==", "=Zg=",
                          "Zh==", "Zm9=", "====", "Zm9vY===", "Z===", "Zm9v$", "Zm\x80v"}) {
    EXPECT_FALSE(try_base64_decode(bad).has_value()) << bad;
    EXPECT_THROW(base64_decode(bad), InputError) << bad;
  }
}

TEST(Base64, ErrorNamesWhatWasDecoded) {
  try {
    base64_decode("!!!!", "the API key");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("the API key"), std::string::npos);
  }
}

TEST(Base64, DecodedLengthFollowsPadding) {
  EXPECT_EQ(base64_decoded_length("Zm9vYg=="), 4u);
  EXPECT_EQ(base64_decoded_length("Zm9vYmE="), 5u);
  EXPECT_EQ(base64_decoded_length("Zm9vYmFy"), 6u);
  EXPECT_FALSE(base64_decoded_length("Zm9vY").has_value());
}

TEST(Base64, SecretDecodeGivesSecureBuffer) {
  const auto secret = try_base64_decode_secret("Zm9vYmFy");
  ASSERT_TRUE(secret.has_value());
  EXPECT_EQ(as_chars(*secret), "foobar");
}

// Python's base64.b64decode(bytes) without validate=True, as vantage6 uses it.
TEST(Base64Lenient, SkipsForeignCharactersAndStopsAtPadding) {
  EXPECT_EQ(base64_decode_lenient(as_bytes("Zm9v\nYmFy")), to_bytes("foobar"));
  EXPECT_EQ(base64_decode_lenient(as_bytes("Zm9v YmE=")), to_bytes("fooba"));
  EXPECT_EQ(base64_decode_lenient(as_bytes("Zg==Zm9v")), to_bytes("f"));
  EXPECT_EQ(base64_decode_lenient(as_bytes("Zm-9_v")), to_bytes("foo"));
  EXPECT_EQ(base64_decode_lenient(as_bytes("")), Bytes{});
}

TEST(Base64Lenient, RejectsLeftoverPartialGroups) {
  EXPECT_FALSE(base64_decode_lenient(as_bytes("hello world")).has_value());  // 10 data characters
  EXPECT_FALSE(base64_decode_lenient(as_bytes("caf\xc3\xa9")).has_value());  // 3 data characters
  EXPECT_FALSE(base64_decode_lenient(as_bytes("Z")).has_value());
  EXPECT_FALSE(base64_decode_lenient(as_bytes("Zg=")).has_value());
}

TEST(Base64Lenient, MatchesVantage6HeuristicsTable) {
  EXPECT_EQ(base64_decode_lenient(as_bytes("test")), (Bytes{0xb5, 0xeb, 0x2d}));
  EXPECT_EQ(base64_decode_lenient(as_bytes("abcd1234")), (Bytes{0x69, 0xb7, 0x1d, 0xd7, 0x6d, 0xf8}));
}

}  // namespace
}  // namespace v6hsm
