// Bulk encryption and decryption through the library (with the RSA step of a real key, as a vantage6 node
// does per message), beside "the limit": OpenSSL's own base64 codec and AES-256-CTR over the same bytes
// with no envelope, no RSA and no format checks. Component rows show where the time of a decrypt goes.
#include <openssl/evp.h>

#include <cstdio>
#include <memory>

#include "bench_data.hpp"
#include "format/python_json_paths.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/envelope.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm::bench {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// AES-256-CTR with a fixed key and IV: the keystream costs the same whatever the key.
void openssl_aes_ctr(ByteView input, std::uint8_t* output) {
  static constexpr std::uint8_t kKey[32] = {1, 2, 3};
  static constexpr std::uint8_t kIv[16] = {4, 5, 6};
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int written = 0;
  if (!context || EVP_EncryptInit_ex(context.get(), EVP_aes_256_ctr(), nullptr, kKey, kIv) != 1 ||
      EVP_EncryptUpdate(context.get(), output, &written, input.data(), static_cast<int>(input.size())) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL AES-256-CTR failed in the limit benchmark");
  }
}

std::size_t openssl_base64_decode(std::string_view text, std::uint8_t* output) {
  const int length = EVP_DecodeBlock(output, reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) throw InputError("EVP_DecodeBlock refused the benchmark payload");
  return static_cast<std::size_t>(length);
}

std::string_view string_body(std::size_t size) {
  return parse_string_envelope(string_payload(size)).ciphertext_base64;
}

void ours_decrypt_string(benchmark::State& state, std::size_t size, OutputMode mode) {
  for (auto _ : state) benchmark::DoNotOptimize(decrypt_string(bench_key(), string_payload(size), mode));
  count_bytes(state, size);
}

void limit_decrypt_string(benchmark::State& state, std::size_t size) {
  const auto body = string_body(size);
  for (auto _ : state) {
    Bytes plain(body.size() / 4 * 3);
    openssl_aes_ctr(ByteView(plain.data(), openssl_base64_decode(body, plain.data())), plain.data());
    benchmark::DoNotOptimize(plain.data());
  }
  count_bytes(state, size);
}

void limit_encrypt_string(benchmark::State& state, std::size_t size) {
  const Bytes& plain = plaintext(size);
  for (auto _ : state) {
    Bytes encrypted(plain.size());
    openssl_aes_ctr(plain, encrypted.data());
    std::string text(base64_encoded_length(plain.size()) + 1, '\0');  // EVP_EncodeBlock adds a NUL
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), encrypted.data(), static_cast<int>(encrypted.size()));
    benchmark::DoNotOptimize(text.data());
  }
  count_bytes(state, size);
}

void limit_aes_only(benchmark::State& state, std::size_t size) {
  const Bytes& plain = plaintext(size);
  for (auto _ : state) {
    Bytes encrypted(plain.size());
    openssl_aes_ctr(plain, encrypted.data());
    benchmark::DoNotOptimize(encrypted.data());
  }
  count_bytes(state, size);
}

void register_bulk() {
  register_per_size("ours/decrypt_string", [](benchmark::State& s, std::size_t n) { ours_decrypt_string(s, n, OutputMode::raw); });
  register_per_size("ours/decrypt_string_vantage6",
                    [](benchmark::State& s, std::size_t n) { ours_decrypt_string(s, n, OutputMode::vantage6); });
  register_per_size("ours/decrypt_blob", [](benchmark::State& s, std::size_t n) {
    for (auto _ : s) benchmark::DoNotOptimize(decrypt_blob(bench_key(), blob_payload(n)));
    count_bytes(s, n);
  });
  register_per_size("ours/encrypt_string", [](benchmark::State& s, std::size_t n) {
    for (auto _ : s) benchmark::DoNotOptimize(encrypt_to_string(plaintext(n), bench_key().public_key()));
    count_bytes(s, n);
  });
  register_per_size("ours/encrypt_blob", [](benchmark::State& s, std::size_t n) {
    for (auto _ : s) benchmark::DoNotOptimize(encrypt_to_blob(plaintext(n), bench_key().public_key()));
    count_bytes(s, n);
  });
  register_per_size("limit/decrypt_string", limit_decrypt_string);
  register_per_size("limit/encrypt_string", limit_encrypt_string);
  register_per_size("limit/decrypt_blob", limit_aes_only);
  register_per_size("limit/encrypt_blob", limit_aes_only);
}

// Where a 64 MiB string-form decrypt spends its time, stage by stage.
void register_components() {
  constexpr std::size_t kLarge = 64 * kMiB;
  const auto add = [](const char* name, void (*function)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, function)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  add("component/is_utf8/67108864", [](benchmark::State& s) {
    for (auto _ : s) benchmark::DoNotOptimize(is_utf8(plaintext(kLarge)));
    count_bytes(s, kLarge);
  });
  add("component/is_python_json/67108864", [](benchmark::State& s) {
    for (auto _ : s) benchmark::DoNotOptimize(is_python_json(as_chars(plaintext(kLarge))));
    count_bytes(s, kLarge);
  });
  // The portable path of the same validator, as on a CPU without AVX2.
  add("component/is_python_json_words/67108864", [](benchmark::State& s) {
    for (auto _ : s) benchmark::DoNotOptimize(detail::is_python_json_words(as_chars(plaintext(kLarge))));
    count_bytes(s, kLarge);
  });
  add("component/base64_decode_ours/67108864", [](benchmark::State& s) {
    const auto body = string_body(kLarge);
    Bytes out(body.size() / 4 * 3);
    for (auto _ : s) benchmark::DoNotOptimize(base64_decode_into(body, out.data()));
    count_bytes(s, kLarge);
  });
  add("component/base64_decode_openssl/67108864", [](benchmark::State& s) {
    const auto body = string_body(kLarge);
    Bytes out(body.size() / 4 * 3);
    for (auto _ : s) benchmark::DoNotOptimize(openssl_base64_decode(body, out.data()));
    count_bytes(s, kLarge);
  });
}

}  // namespace
}  // namespace v6hsm::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    v6hsm::bench::bench_key();  // a missing input is reported here, not as an exception inside a benchmark
  } catch (const v6hsm::Error& error) {
    std::fprintf(stderr, "v6hsm_bulk_bench: %s\n", error.what());
    return 1;
  }
  v6hsm::bench::register_bulk();
  v6hsm::bench::register_components();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
