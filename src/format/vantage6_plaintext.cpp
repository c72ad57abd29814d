#include "v6hsm/vantage6_plaintext.hpp"

#include <algorithm>

#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {

std::size_t apply_vantage6_heuristics_in_place(std::span<std::uint8_t> aes_output) {
  if (!is_utf8(aes_output)) {
    throw PlaintextFormatError(
        "the decrypted payload is not UTF-8 text, which vantage6 cannot handle in this form; "
        "use --output raw to get the exact bytes");
  }
  if (is_python_json(as_chars(aes_output))) return aes_output.size();

  // Web-UI payloads carry base64(JSON); vantage6 decodes every non-JSON text this way.
  auto decoded = base64_decode_lenient(aes_output);
  if (!decoded) {
    throw PlaintextFormatError(
        "the decrypted payload is text that is neither JSON nor base64, which vantage6 rejects; "
        "use --output raw to get the exact bytes");
  }
  // Decoding could run in place too, but this is the rare web-UI form: a copy keeps one decoder.
  std::copy(decoded->begin(), decoded->end(), aes_output.begin());
  return decoded->size();
}

Bytes apply_vantage6_heuristics(Bytes aes_output) {
  aes_output.resize(apply_vantage6_heuristics_in_place(aes_output));
  return aes_output;
}

}  // namespace v6hsm
