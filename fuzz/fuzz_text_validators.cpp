// Differential fuzzing of the validators behind `--output vantage6` (is_utf8, and both paths of
// is_python_json: word-at-a-time and AVX2) against the slow oracles in reference_validators.hpp. The input
// is checked as it is and again behind prefixes, so the 8- and 32-byte scans meet every byte at many
// alignments.
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/python_json_paths.hpp"
#include "fuzz_support.hpp"
#include "reference_validators.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm::fuzz {
namespace {

void compare(std::string_view text) {
  const bool utf8 = is_utf8(as_bytes(text));
  check(utf8 == reference::is_utf8(as_bytes(text)), "is_utf8 agrees with the code-point decoder");
  if (!utf8) return;
  const bool words = detail::is_python_json_words(text);
  const auto avx2 = detail::is_python_json_avx2(text);
  check(!avx2 || *avx2 == words, "the AVX2 and word-at-a-time paths of is_python_json agree");
  const auto expected = reference::JsonGrammar::accepts(text);
  if (expected) check(words == *expected, "is_python_json agrees with the recursive grammar");
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  v6hsm::fuzz::compare(text);
  // Inside a string that is already open, after an odd number of plain bytes, and inside a whitespace run
  // or a number that started 31 bytes before (so the input begins one byte short of a 32-byte block).
  for (const std::string_view prefix : {"[\"abcdefghijklmno", "[\"abcdefghijk", "[                               ",
                                        "[1234567890123456789012345678901"}) {
    v6hsm::fuzz::compare(std::string(prefix) + std::string(text));
  }
  return 0;
}
