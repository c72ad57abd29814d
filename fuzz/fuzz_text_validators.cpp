// Differential fuzzing of the word-at-a-time validators behind `--output vantage6` (is_utf8 and
// is_python_json) against the slow oracles in reference_validators.hpp. The input is checked as it is and
// again behind a long ASCII prefix, so the word-at-a-time scans meet every byte at every alignment.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "reference_validators.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm::fuzz {
namespace {

void compare(std::string_view text) {
  const bool utf8 = is_utf8(as_bytes(text));
  check(utf8 == reference::is_utf8(as_bytes(text)), "is_utf8 agrees with the code-point decoder");
  if (!utf8) return;
  const auto expected = reference::JsonGrammar::accepts(text);
  if (expected) check(is_python_json(text) == *expected, "is_python_json agrees with the recursive grammar");
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  v6hsm::fuzz::compare(text);
  // Inside a string that is already open, and after an odd number of plain bytes.
  for (const std::string_view prefix : {"[\"abcdefghijklmno", "[\"abcdefghijk"}) {
    v6hsm::fuzz::compare(std::string(prefix) + std::string(text));
  }
  return 0;
}
