// The vantage6 post-processing of a decrypted payload: JSON text unchanged, other UTF-8 text base64-decoded
// leniently, everything else PlaintextFormatError and nothing else. Every JSON text that nlohmann-json
// accepts must count as JSON for Python's json.loads too (Python accepts a superset: NaN, Infinity);
// nlohmann-json stops at a NUL byte as if the input ended there, so texts with one are not compared.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm::fuzz {
namespace {

void check_heuristics(ByteView payload) {
  const bool utf8 = is_utf8(payload);
  const bool json = utf8 && is_python_json(as_chars(payload));
  const auto text = as_chars(payload);
  if (utf8 && text.find('\0') == text.npos && nlohmann::json::accept(text)) {
    check(json, "RFC 8259 JSON is Python JSON");
  }
  const auto lenient = base64_decode_lenient(payload);
  try {
    const auto result = apply_vantage6_heuristics(Bytes(payload.begin(), payload.end()));
    check(utf8, "non-UTF-8 payloads are rejected");
    if (json) {
      check(std::equal(result.begin(), result.end(), payload.begin(), payload.end()), "JSON is returned unchanged");
    } else {
      check(lenient && result == *lenient, "non-JSON text is base64-decoded leniently");
    }
  } catch (const PlaintextFormatError&) {
    check(!utf8 || (!json && !lenient), "rejected only where vantage6 raises");
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  v6hsm::fuzz::check_heuristics({data, size});
  return 0;
}
