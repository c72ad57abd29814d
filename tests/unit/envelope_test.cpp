#include "v6hsm/envelope.hpp"

#include <gtest/gtest.h>

#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

EnvelopeHeader sample_header() {
  EnvelopeHeader header;
  header.wrapped_key = Bytes(256, 0xab);
  for (std::size_t i = 0; i < kIvLength; ++i) header.iv[i] = static_cast<std::uint8_t>(i);
  return header;
}

TEST(Envelope, SerializesCanonicalStringForm) {
  const auto header = sample_header();
  const Bytes ciphertext = to_bytes("ciphertext");
  const std::string wire = serialize_string_envelope(header, ciphertext);
  EXPECT_EQ(wire, base64_encode(header.wrapped_key) + "$AAECAwQFBgcICQoLDA0ODw==$" + base64_encode(ciphertext));
}

TEST(Envelope, StringFormRoundTrips) {
  const auto header = sample_header();
  const std::string wire = serialize_string_envelope(header, to_bytes("payload"));
  const auto parsed = parse_string_envelope(wire);
  EXPECT_EQ(parsed.header.wrapped_key, header.wrapped_key);
  EXPECT_EQ(parsed.header.iv, header.iv);
  EXPECT_EQ(base64_decode(parsed.ciphertext_base64), to_bytes("payload"));
}

TEST(Envelope, EmptyCiphertextEndsWithSeparator) {
  const std::string wire = serialize_string_envelope(sample_header(), {});
  EXPECT_EQ(wire.back(), '$');
  EXPECT_TRUE(parse_string_envelope(wire).ciphertext_base64.empty());
}

TEST(Envelope, BlobFormRoundTripsBinaryBody) {
  const auto header = sample_header();
  const Bytes body = {0x00, 0x24, 0xff, 0x24, 0x10};  // '$' bytes inside the body are data
  const Bytes blob = serialize_blob_envelope(header, body);
  EXPECT_EQ(as_chars(blob).substr(0, serialize_envelope_header(header).size()), serialize_envelope_header(header));
  const auto parsed = parse_blob_envelope(blob);
  EXPECT_EQ(parsed.header.wrapped_key, header.wrapped_key);
  EXPECT_EQ(parsed.header.iv, header.iv);
  EXPECT_EQ(Bytes(parsed.ciphertext.begin(), parsed.ciphertext.end()), body);
}

const std::string kKey = base64_encode(Bytes(256, 1));
const std::string kIv = base64_encode(Bytes(16, 2));

TEST(Envelope, RejectsMalformedStringForms) {
  const std::vector<std::string> malformed = {
      "",
      kKey,                                     // one part
      kKey + "$" + kIv,                         // two parts
      kKey + "$" + kIv + "$Zm9v$Zm9v",          // four parts
      "$" + kIv + "$Zm9v",                      // empty EK
      kKey + "$$Zm9v",                          // empty IV
      kKey + "$" + base64_encode(Bytes(15, 2)) + "$Zm9v",  // 15-byte IV
      kKey + "$" + base64_encode(Bytes(17, 2)) + "$Zm9v",  // 17-byte IV
      kKey.substr(0, kKey.size() - 1) + "$" + kIv + "$Zm9v",  // EK padding damaged
      "!" + kKey.substr(1) + "$" + kIv + "$Zm9v",             // bad EK character
      kKey + "$" + kIv + "$Zm9",                              // body length not a multiple of 4
      kKey + "\n$" + kIv + "$Zm9v",                           // line break
  };
  for (const auto& wire : malformed) EXPECT_THROW(parse_string_envelope(wire), DecryptionError) << wire;
}

TEST(Envelope, RejectsBlobWithoutHeaderWithinLimit) {
  std::string text(kMaxEnvelopeHeaderLength, 'A');
  text += "$" + kIv + "$";
  EXPECT_THROW(parse_blob_envelope(as_bytes(text)), DecryptionError);
  EXPECT_THROW(parse_blob_envelope(as_bytes(kKey + "$" + kIv)), DecryptionError);
  EXPECT_THROW(parse_blob_envelope({}), DecryptionError);
}

}  // namespace
}  // namespace v6hsm

namespace v6hsm {
namespace {

TEST(EnvelopeForm, TellsStringFromBlob) {
  const auto header = sample_header();
  const std::string wire = serialize_string_envelope(header, to_bytes("payload"));
  EXPECT_EQ(detect_envelope_form(as_bytes(wire)), EnvelopeForm::string);
  EXPECT_EQ(detect_envelope_form(as_bytes(wire + "\n")), EnvelopeForm::string);
  EXPECT_EQ(detect_envelope_form(as_bytes(wire + "\r\n")), EnvelopeForm::string);
  EXPECT_EQ(detect_envelope_form(serialize_blob_envelope(header, Bytes{0x00, 0xff, 0x10, 0x24, 0x99})), EnvelopeForm::blob);
  EXPECT_EQ(detect_envelope_form(as_bytes("garbage")), EnvelopeForm::string);
}

TEST(EnvelopeForm, TrimsOneLineBreak) {
  EXPECT_EQ(trim_line_break("abc\n"), "abc");
  EXPECT_EQ(trim_line_break("abc\r\n"), "abc");
  EXPECT_EQ(trim_line_break("abc\n\n"), "abc\n");
  EXPECT_EQ(trim_line_break("abc"), "abc");
}

}  // namespace
}  // namespace v6hsm
