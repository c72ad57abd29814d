// Base64 against OpenSSL's own codec. The fuzz input is used twice: as bytes to encode, and as text to
// decode. Encoding must equal EVP_EncodeBlock and decode back; strict decoding must accept only canonical
// text, agree with EVP_DecodeBlock there, and agree with the lenient (vantage6) decoder.
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

std::string openssl_encode(ByteView data) {
  std::string out(base64_encoded_length(data.size()) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// EVP_DecodeBlock does not strip padding: it returns whole 3-byte groups, so compare a prefix only.
bool openssl_decode_starts_with(std::string_view text, ByteView expected) {
  Bytes out(text.size() / 4 * 3 + 3);
  const int length = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  return length >= 0 && static_cast<std::size_t>(length) >= expected.size() &&
         std::equal(expected.begin(), expected.end(), out.begin());
}

void check_encoding(ByteView data) {
  const auto encoded = base64_encode(data);
  check(encoded == openssl_encode(data), "encoding equals EVP_EncodeBlock");
  check(base64_decoded_length(encoded) == data.size(), "decoded length of an encoding");
  const auto decoded = try_base64_decode(encoded);
  check(decoded && std::equal(decoded->begin(), decoded->end(), data.begin(), data.end()), "decode(encode(x)) == x");
  check(openssl_decode_starts_with(encoded, data), "EVP_DecodeBlock agrees on canonical text");
}

void check_decoding(std::string_view text) {
  const auto decoded = try_base64_decode(text);
  const auto lenient = base64_decode_lenient(as_bytes(text));
  if (!decoded) return;
  check(base64_encode(*decoded) == text, "strict decoding accepts canonical text only");
  check(openssl_decode_starts_with(text, *decoded), "EVP_DecodeBlock agrees with strict decoding");
  check(lenient == decoded, "the lenient decoder agrees on canonical text");
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > INT_MAX / 2) return 0;  // the OpenSSL codec takes int lengths
  v6hsm::fuzz::check_encoding({data, size});
  v6hsm::fuzz::check_decoding({reinterpret_cast<const char*>(data), size});
  return 0;
}
