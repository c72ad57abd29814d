#include "interop_support.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace v6hsm::interop {

std::string key_size_name(const ::testing::TestParamInfo<int>& key_size) {
  return "rsa" + std::to_string(key_size.param);
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  Bytes content(std::filesystem::file_size(path));
  // One read: a byte-wise iterator copy of 22 MB crawls in sanitizer builds.
  if (!in.read(reinterpret_cast<char*>(content.data()), static_cast<std::streamsize>(content.size()))) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return content;
}

void write_file(const std::filesystem::path& path, ByteView content) {
  std::ofstream out(path, std::ios::binary);
  out.write(as_chars(content).data(), static_cast<std::streamsize>(content.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

Bytes random_payload(std::size_t size) {
  Bytes payload(size);
  if (size > 0 && RAND_bytes(payload.data(), static_cast<int>(size)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return payload;
}

::testing::AssertionResult same_bytes(ByteView actual, ByteView expected) {
  const auto mismatch = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
  if (mismatch.first == actual.end() && mismatch.second == expected.end()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "got " << actual.size() << " bytes, expected " << expected.size()
                                       << ", first difference at offset "
                                       << std::distance(actual.begin(), mismatch.first);
}

}  // namespace v6hsm::interop
