#include "v6hsm/vantage6_plaintext.hpp"

#include <gtest/gtest.h>

#include "v6hsm/error.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

TEST(PythonJson, AcceptsWhatJsonLoadsAccepts) {
  for (const char* text : {"{\"a\": 1}", " 42 ", "\"str\"", "NaN", "Infinity", "-Infinity", "[]", "{}",
                           "[1, 2.5, -3e10, 0.1E+2, true, false, null]", "{\"k\": {\"n\": [\"\\u00e9\\n\"]}}",
                           "\t\r\n[\n]\n", "\"\\ud800\"", "0", "-0", "[NaN, Infinity]", "\"caf\xc3\xa9\""}) {
    EXPECT_TRUE(is_python_json(text)) << text;
  }
}

TEST(PythonJson, RejectsWhatJsonLoadsRejects) {
  for (const char* text : {"", " ", "test", "hello world", "{", "[1,]", "{\"a\":1,}", "{a: 1}", "01", "1.", ".5",
                           "1e", "+1", "nan", "inf", "-", "[1 2]", "\"tab\there\"", "\"\\x\"", "\"\\u12\"",
                           "'single'", "{\"a\" 1}", "[1]]", "\xef\xbb\xbf{}", "\f{}", "{} {}", "[\"unterminated]"}) {
    EXPECT_FALSE(is_python_json(text)) << text;
  }
}

TEST(PythonJson, DeepNestingDoesNotOverflowTheStack) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_TRUE(is_python_json(deep));
  EXPECT_FALSE(is_python_json(std::string(200000, '[')));
}

TEST(Utf8, FollowsPythonsStrictDecoder) {
  EXPECT_TRUE(is_utf8(as_bytes("plain ascii")));
  EXPECT_TRUE(is_utf8(as_bytes("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")));
  for (const char* bad : {"\xff", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                          "\xf5\x80\x80\x80", "\x80", "\xe2\x82"}) {
    EXPECT_FALSE(is_utf8(as_bytes(bad))) << test::to_hex(as_bytes(bad));
  }
}

// The heuristics table recorded with the shared vectors.
TEST(Vantage6Heuristics, MatchRecordedTable) {
  for (const auto& row : test::vectors().at("expected_decrypt_heuristics")) {
    const Bytes plaintext = row.contains("plaintext_utf8") ? to_bytes(row.at("plaintext_utf8").get<std::string>())
                                                           : test::from_hex(row.at("plaintext_hex").get<std::string>());
    if (row.contains("vantage6_decrypt_returns_utf8")) {
      EXPECT_EQ(apply_vantage6_heuristics(plaintext), to_bytes(row.at("vantage6_decrypt_returns_utf8").get<std::string>()));
    } else if (row.contains("vantage6_decrypt_returns_hex")) {
      EXPECT_EQ(apply_vantage6_heuristics(plaintext), test::from_hex(row.at("vantage6_decrypt_returns_hex").get<std::string>()));
    } else {
      EXPECT_THROW(apply_vantage6_heuristics(plaintext), PlaintextFormatError) << row.dump();
    }
  }
}

TEST(Vantage6Heuristics, JsonEdgeCasesPassUnchanged) {
  for (const char* text : {"NaN", " 42 ", "\"str\""}) EXPECT_EQ(apply_vantage6_heuristics(to_bytes(text)), to_bytes(text));
}

TEST(Vantage6Heuristics, InPlaceTheResultIsWrittenOverTheStartOfTheBuffer) {
  Bytes json = to_bytes("[1, 2] ");
  EXPECT_EQ(apply_vantage6_heuristics_in_place(json), json.size());
  EXPECT_EQ(json, to_bytes("[1, 2] "));
  Bytes encoded = to_bytes("eyJhIjogMX0=");
  ASSERT_EQ(apply_vantage6_heuristics_in_place(encoded), 8u);
  EXPECT_EQ(Bytes(encoded.begin(), encoded.begin() + 8), to_bytes("{\"a\": 1}"));
  Bytes neither = to_bytes("x");
  EXPECT_THROW(apply_vantage6_heuristics_in_place(neither), PlaintextFormatError);
}

TEST(Vantage6Heuristics, NonUtf8TextIsRejectedLikeVantage6) {
  EXPECT_THROW(apply_vantage6_heuristics(Bytes{0xff, 0x00, 0x62}), PlaintextFormatError);
  EXPECT_THROW(apply_vantage6_heuristics(to_bytes("caf\xc3\xa9")), PlaintextFormatError);
}

}  // namespace
}  // namespace v6hsm
