// The string form "b64(EK)$b64(IV)$b64(C)" as it arrives from a server: parsing and decryption with a
// fixed key may only ever fail with the uniform DecryptionError (or PlaintextFormatError from the vantage6
// heuristics), and whatever the strict parser accepts must serialize back to the very same text. The
// parser leaves the ciphertext's characters to the decoder, so only a decodable one is compared.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/envelope.hpp"

namespace v6hsm::fuzz {
namespace {

void check_parse_round_trip(std::string_view wire) {
  try {
    const auto envelope = parse_string_envelope(wire);
    const auto ciphertext = try_base64_decode(envelope.ciphertext_base64);
    if (!ciphertext) return;
    check(serialize_string_envelope(envelope.header, *ciphertext) == wire,
          "an accepted envelope is canonical: it serializes back to the same text");
  } catch (const DecryptionError& error) {
    check_uniform(error);
  }
}

void check_decryption(std::string_view wire) {
  try {
    const auto plaintext = decrypt_string(fuzz_key(), wire);
    const auto ciphertext = try_base64_decode(parse_string_envelope(wire).ciphertext_base64);
    check(ciphertext && ciphertext->size() == plaintext.size(),
          "only an envelope with a valid ciphertext decrypts, to the ciphertext's length");
    try {
      apply_vantage6_heuristics(plaintext);
    } catch (const PlaintextFormatError&) {
      // vantage6 raises on this plaintext too
    }
  } catch (const DecryptionError& error) {
    check_uniform(error);
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view wire(reinterpret_cast<const char*>(data), size);
  v6hsm::fuzz::check_parse_round_trip(wire);
  v6hsm::fuzz::check_decryption(wire);
  return 0;
}
