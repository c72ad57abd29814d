// Token decryptions per second for 1 KiB string-form payloads through TokenKey (session pool, login
// once), on one and two threads, beside a raw C_DecryptInit + C_Decrypt(CKM_RSA_PKCS) loop on the same
// SoftHSM2 key: the ratio is what v6hsm's layers cost on top of the token itself.
#include <cstdio>
#include <memory>
#include <vector>

#include "bench_data.hpp"
#include "raw_pkcs11.hpp"
#include "support/softhsm_sandbox.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::bench {
namespace {

constexpr const char* kTokenLabel = "bench";

struct BenchKey {
  std::string label;
  std::unique_ptr<token::TokenKey> key;
  std::string payload;  // a 1 KiB plaintext encrypted for the key
  Bytes wrapped;        // its RSA-wrapped AES key, for the raw loop
};

BenchKey make_key(token::Token& token, int bits) {
  token::KeySpec spec;
  spec.label = "bench-rsa" + std::to_string(bits);
  spec.bits = bits;
  token::generate_key(token, spec);
  auto key = std::make_unique<token::TokenKey>(token::TokenKey::open(token, token::KeyRef::by_label(spec.label)));
  std::string payload = encrypt_to_string(Bytes(kKiB, 'x'), key->public_key());
  Bytes wrapped = parse_string_envelope(payload).header.wrapped_key;
  return {spec.label, std::move(key), std::move(payload), std::move(wrapped)};
}

void register_key(const BenchKey& key, const RawPkcs11& raw, int bits) {
  const std::string suffix = "/rsa" + std::to_string(bits);
  benchmark::RegisterBenchmark(("token/decrypt_string_1KiB" + suffix).c_str(), [&key](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(decrypt_string(*key.key, key.payload));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  })->Threads(1)->Threads(2)->UseRealTime();
  benchmark::RegisterBenchmark(("raw/C_Decrypt" + suffix).c_str(), [&key, &raw](benchmark::State& state) {
    RawPkcs11::Session session(raw, key.label);  // one per thread
    for (auto _ : state) benchmark::DoNotOptimize(session.decrypt(key.wrapped));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  })->Threads(1)->Threads(2)->UseRealTime();
}

int run(int argc, char** argv) {
  testing::SoftHsmSandbox sandbox;
  sandbox.create_token(kTokenLabel);
  const auto module_path = token::resolve_module_path();
  auto token = testing::open_logged_in(token::Module::load(module_path), kTokenLabel);
  std::vector<BenchKey> keys;
  for (const int bits : {2048, 4096}) keys.push_back(make_key(token, bits));
  const RawPkcs11 raw(module_path, kTokenLabel);
  for (std::size_t i = 0; i < keys.size(); ++i) register_key(keys[i], raw, i == 0 ? 2048 : 4096);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace
}  // namespace v6hsm::bench

int main(int argc, char** argv) {
  try {
    return v6hsm::bench::run(argc, argv);
  } catch (const v6hsm::Error& error) {
    std::fprintf(stderr, "v6hsm_token_bench: %s\n", error.what());
    return 2;
  }
}
