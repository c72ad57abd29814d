#include "bench_data.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::bench {
namespace {

std::filesystem::path data_directory() {
  const char* directory = std::getenv("V6HSM_BENCH_DATA");
  if (directory == nullptr || *directory == '\0') {
    throw InputError("V6HSM_BENCH_DATA is not set: run the benchmarks through scripts/bench, which prepares the "
                     "key and payload files");
  }
  return directory;
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("cannot read benchmark input " + path.string() + ": run scripts/bench to prepare it");
  return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Memoizes one value per payload size.
template <typename Value, typename Make>
const Value& per_size(std::map<std::size_t, Value>& cache, std::size_t size, Make make) {
  auto found = cache.find(size);
  if (found == cache.end()) found = cache.emplace(size, make()).first;
  return found->second;
}

}  // namespace

const SoftwareKey& bench_key() {
  static const SoftwareKey key = SoftwareKey::from_file(data_directory() / "key.pem");
  return key;
}

const Bytes& plaintext(std::size_t size) {
  static std::map<std::size_t, Bytes> cache;
  return per_size(cache, size, [size] { return read_file(data_directory() / ("plain-" + std::to_string(size) + ".json")); });
}

const std::string& string_payload(std::size_t size) {
  static std::map<std::size_t, std::string> cache;
  return per_size(cache, size, [size] { return encrypt_to_string(plaintext(size), bench_key().public_key()); });
}

const Bytes& blob_payload(std::size_t size) {
  static std::map<std::size_t, Bytes> cache;
  return per_size(cache, size, [size] { return encrypt_to_blob(plaintext(size), bench_key().public_key()); });
}

}  // namespace v6hsm::bench
