// Both implementations of is_python_json (python_json_validator.hpp with the word scanner, and with the
// AVX2 scanner) must accept the same texts as json.loads wherever a run of string bytes, digits or
// whitespace starts and ends relative to the scanners' 8- and 32-byte steps and to the end of the text.
// Every test runs on each path; the AVX2 one is skipped on a CPU without AVX2.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>

#include "format/python_json_paths.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {
namespace {

using Validator = std::function<std::optional<bool>(std::string_view)>;

struct Path {
  const char* name;
  Validator validate;
};

class PythonJsonPath : public testing::TestWithParam<Path> {
 protected:
  void SetUp() override {
    if (!GetParam().validate("0")) GTEST_SKIP() << "this CPU has no AVX2";
  }

  static bool accepts(std::string_view text) { return *GetParam().validate(text); }
};

// Lengths that put a run's end on every side of the 8- and 32-byte steps, twice over.
constexpr std::size_t kLongestRun = 70;

std::string spaces(std::size_t count) { return std::string(count, ' '); }

TEST_P(PythonJsonPath, StringsOfEveryLengthAtEveryOffset) {
  for (std::size_t offset = 0; offset < 34; ++offset) {
    for (std::size_t length = 0; length <= kLongestRun; ++length) {
      const std::string text = spaces(offset) + "[\"" + std::string(length, 'a') + "\"]";
      ASSERT_TRUE(accepts(text)) << offset << " " << length;
      ASSERT_FALSE(accepts(text.substr(0, text.size() - 2))) << "unterminated, " << offset << " " << length;
    }
  }
}

TEST_P(PythonJsonPath, EveryByteInsideAStringAtEveryPositionOfABlock) {
  for (std::size_t position = 0; position < kLongestRun; ++position) {
    for (int value = 0; value < 256; ++value) {
      std::string inner(kLongestRun, 'x');
      inner[position] = static_cast<char>(value);
      const std::string text = "\"" + inner + "\"";
      // A lone quote ends the string early, leaving extra data; a lone backslash escapes an 'x'.
      const bool expected = value >= 0x20 && value != '"' && value != '\\';
      ASSERT_EQ(accepts(text), expected) << "byte " << value << " at " << position;
    }
  }
}

TEST_P(PythonJsonPath, EscapesAtEveryPositionOfABlock) {
  for (std::size_t position = 0; position < kLongestRun; ++position) {
    const std::string before(position, 'x');
    for (const char* escape : {"\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD83D"}) {
      ASSERT_TRUE(accepts("\"" + before + escape + "yy\"")) << escape << " at " << position;
    }
    for (const char* escape : {"\\x", "\\u12", "\\u12g4", "\\'", "\\"}) {
      ASSERT_FALSE(accepts("\"" + before + escape + "\"")) << escape << " at " << position;
    }
  }
}

TEST_P(PythonJsonPath, NumbersStraddlingBlocks) {
  for (std::size_t offset = 0; offset < 34; ++offset) {
    for (std::size_t length = 1; length <= kLongestRun; ++length) {
      std::string digits(length, '7');  // built in place: GCC 12 -O3 -Wrestrict misfires on "1" + std::string
      digits.front() = '1';
      const std::string lead = spaces(offset) + "[";
      ASSERT_TRUE(accepts(lead + digits + "]")) << offset << " " << length;
      ASSERT_TRUE(accepts(spaces(offset) + "-" + digits)) << "at the very end, " << offset << " " << length;
      ASSERT_TRUE(accepts(lead + "0." + digits + "e-" + digits + ", 2]")) << offset << " " << length;
      ASSERT_TRUE(accepts(lead + digits + "." + digits + "E" + digits + "]")) << offset << " " << length;
      ASSERT_FALSE(accepts(lead + "0" + digits + "]")) << "leading zero, " << offset << " " << length;
      ASSERT_FALSE(accepts(lead + digits + ".]")) << offset << " " << length;
      ASSERT_FALSE(accepts(lead + digits + "e+]")) << offset << " " << length;
      ASSERT_FALSE(accepts(lead + digits + "x]")) << offset << " " << length;
    }
  }
}

TEST_P(PythonJsonPath, EveryByteAfterARunOfDigits) {
  for (std::size_t length = 1; length <= kLongestRun; ++length) {
    for (int value = 0; value < 256; ++value) {
      std::string text(1, '[');
      text.append(length, '5');
      text += static_cast<char>(value);
      text += "]";
      // Only more digits or whitespace complete "[555?]"; anything else leaves the number, the member or
      // the text unfinished or followed by extra data.
      const bool expected = (value >= '0' && value <= '9') || value == ' ' || value == '\t' || value == '\n' ||
                            value == '\r';
      ASSERT_EQ(accepts(text), expected) << "byte " << value << " after " << length << " digits";
    }
  }
}

TEST_P(PythonJsonPath, WhitespaceRunsOfEveryLength) {
  const std::string mix = " \t\r\n";
  for (std::size_t length = 0; length <= kLongestRun; ++length) {
    std::string run;
    for (std::size_t i = 0; i < length; ++i) run += mix[i % mix.size()];
    ASSERT_TRUE(accepts(run + "{" + run + "\"k\"" + run + ":" + run + "[" + run + "1" + run + "," + run + "2" + run +
                        "]" + run + "}" + run))
        << length;
    for (const char foreign : {'\f', '\v', '\0', '\x85', '\xa0'}) {
      std::string with_foreign = run;
      with_foreign.insert(length / 2, 1, foreign);
      ASSERT_FALSE(accepts("[1," + with_foreign + "2]")) << length << " " << static_cast<int>(foreign);
    }
  }
}

TEST_P(PythonJsonPath, LiteralsAndStructureNearTheEnd) {
  for (std::size_t offset = 0; offset < 34; ++offset) {
    const std::string lead = spaces(offset);
    for (const char* good : {"true", "false", "null", "NaN", "Infinity", "-Infinity", "{}", "[]", "{\"a\":[]}"}) {
      ASSERT_TRUE(accepts(lead + good)) << good << " " << offset;
    }
    for (const char* bad : {"tru", "nul", "-Inf", "{\"a\"", "{\"a\":", "[1,", "{\"a\":1,}", "[1 2]", "]", "-"}) {
      ASSERT_FALSE(accepts(lead + bad)) << bad << " " << offset;
    }
  }
}

// Random texts built from JSON's pieces, most of them invalid somewhere: every path must give the
// answer of the word-at-a-time one.
TEST_P(PythonJsonPath, AgreesWithTheWordPathOnRandomTexts) {
  const std::vector<std::string> pieces = {"[", "]", "{", "}", ",", ":", " ", "\n", "\"", "\\", "\\n", "\\u0041",
                                           "0", "7", "123456789012345678901234567890123", "-", ".", "e", "+",
                                           "true", "null", "NaN", "Infinity", "\"key\"", "\"", "plain text ",
                                           std::string(40, 'z'), std::string(33, ' '), "\t", "\x01", "\xc3\xa9"};
  std::mt19937 random(2024);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const auto count = random() % 40;
    for (std::size_t i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    ASSERT_EQ(accepts(text), detail::is_python_json_words(text)) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Paths, PythonJsonPath,
    testing::Values(Path{"words", [](std::string_view text) -> std::optional<bool> { return detail::is_python_json_words(text); }},
                    Path{"avx2", [](std::string_view text) { return detail::is_python_json_avx2(text); }},
                    Path{"dispatched", [](std::string_view text) -> std::optional<bool> { return is_python_json(text); }}),
    [](const testing::TestParamInfo<Path>& path) { return std::string(path.param.name); });

}  // namespace
}  // namespace v6hsm
