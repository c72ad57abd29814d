// The blob-storage form: an ASCII header "b64(EK)$b64(IV)$" and raw ciphertext bytes. Parsing and
// decryption with a fixed key may only fail with the uniform DecryptionError; an accepted blob
// serializes back to the same bytes, and decryption keeps the ciphertext's length (CTR has no padding).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/envelope.hpp"

namespace v6hsm::fuzz {
namespace {

void check_blob(ByteView blob) {
  try {
    const auto envelope = parse_blob_envelope(blob);
    const auto serialized = serialize_blob_envelope(envelope.header, envelope.ciphertext);
    check(std::equal(serialized.begin(), serialized.end(), blob.begin(), blob.end()),
          "an accepted blob is canonical: it serializes back to the same bytes");
    const auto plaintext = decrypt_blob(fuzz_key(), blob);
    check(plaintext.size() == envelope.ciphertext.size(), "AES-CTR keeps the ciphertext length");
  } catch (const DecryptionError& error) {
    check_uniform(error);
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  v6hsm::fuzz::check_blob({data, size});
  return 0;
}
