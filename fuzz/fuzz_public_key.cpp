// Recipient public keys come from the server (the API string) or from files (PEM). Malformed input may
// only raise InputError; an accepted key must export a PEM and an API string that load back to the same
// key and export identically. The input's first byte also splits it into a modulus and an exponent for
// from_components, the path a token key takes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "v6hsm/public_key.hpp"

namespace v6hsm::fuzz {
namespace {

void check_exports(const PublicKey& key) {
  const auto pem = key.spki_pem();
  const auto from_pem = PublicKey::from_pem(pem);
  check(from_pem == key && from_pem.spki_pem() == pem, "the SPKI PEM loads back to the same key and bytes");
  const auto from_api = PublicKey::from_api_string(key.api_string());
  check(from_api == key && from_api.api_string() == key.api_string(), "the API string loads back to the same key");
}

template <class Load>
void check_loader(Load load) {
  try {
    check_exports(load());
  } catch (const InputError&) {
    // a clear "this is not a public key" is the expected outcome for most inputs
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using v6hsm::PublicKey;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  v6hsm::fuzz::check_loader([&] { return PublicKey::from_api_string(text); });
  v6hsm::fuzz::check_loader([&] { return PublicKey::from_pem(text); });
  if (size > 0) {
    const v6hsm::ByteView rest(data + 1, size - 1);
    const std::size_t split = std::min<std::size_t>(data[0], rest.size());
    v6hsm::fuzz::check_loader([&] { return PublicKey::from_components(rest.first(split), rest.subspan(split)); });
  }
  return 0;
}
