// Shared by the libFuzzer targets: the fixed key that the seed envelopes are encrypted for, and a check
// that turns a broken property into a crash libFuzzer reports and keeps the input of.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "fuzz_key.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"

namespace v6hsm::fuzz {

inline void check(bool property, const char* description) {
  if (!property) {
    std::fprintf(stderr, "fuzz property violated: %s\n", description);
    std::abort();
  }
}

inline const SoftwareKey& fuzz_key() {
  static const SoftwareKey key = SoftwareKey::from_pem(as_bytes(kFuzzKeyPem));
  return key;
}

// Every decryption failure must be the one uniform error, message included.
inline void check_uniform(const DecryptionError& error) {
  check(std::string_view(error.what()) == DecryptionError::kMessage, "DecryptionError has its fixed message");
}

}  // namespace v6hsm::fuzz
