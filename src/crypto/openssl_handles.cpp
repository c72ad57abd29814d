#include "crypto/openssl_handles.hpp"

#include <openssl/err.h>

#include <climits>

#include "v6hsm/error.hpp"

namespace v6hsm::detail {

BioPtr memory_bio(const void* data, std::size_t size) {
  if (size > static_cast<std::size_t>(INT_MAX)) throw InputError("input is too large to be a key");
  BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(size)));
  if (!bio) throw std::bad_alloc();
  return bio;
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string take_openssl_error() {
  unsigned long last = 0;
  while (const unsigned long code = ERR_get_error()) last = code;
  if (last == 0) return "unknown error";
  const char* reason = ERR_reason_error_string(last);
  return reason != nullptr ? reason : "unknown error";
}

void discard_openssl_errors() noexcept { ERR_clear_error(); }

}  // namespace v6hsm::detail
