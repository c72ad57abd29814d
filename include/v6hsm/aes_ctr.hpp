// AES-256-CTR through OpenSSL EVP. The 16-byte IV is the whole initial counter block and the counter is
// incremented as one 128-bit big-endian integer, with carry across all 16 bytes (what vantage6's
// pyca/cryptography does). CTR is its own inverse, so one class encrypts and decrypts, and it can be fed
// chunk by chunk: the keystream continues where the previous call stopped.
#pragma once

#include <cstdint>
#include <memory>

#include "v6hsm/bytes.hpp"
#include "v6hsm/envelope.hpp"

namespace v6hsm {

class AesCtr256 {
 public:
  // `key` must be exactly 32 bytes (throws InputError otherwise).
  AesCtr256(ByteView key, const Iv& iv);
  ~AesCtr256();
  AesCtr256(AesCtr256&&) noexcept;
  AesCtr256& operator=(AesCtr256&&) noexcept;
  AesCtr256(const AesCtr256&) = delete;
  AesCtr256& operator=(const AesCtr256&) = delete;

  // Transforms input.size() bytes into `output`, which may equal input.data() (in place).
  void apply(ByteView input, std::uint8_t* output);
  Bytes apply(ByteView input);

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace v6hsm
