// The inputs every benchmark program shares, prepared by bench/compare.py in the directory named by
// $V6HSM_BENCH_DATA: key.pem (the RSA key the Python reference uses too) and plain-<bytes>.json, JSON
// plaintexts of the sizes below, so both sides encrypt and decrypt the very same bytes.
#pragma once

#include <cstddef>
#include <string>

#include <benchmark/benchmark.h>

#include "v6hsm/bytes.hpp"
#include "v6hsm/software_key.hpp"

namespace v6hsm::bench {

inline constexpr std::size_t kKiB = 1024;
inline constexpr std::size_t kMiB = 1024 * kKiB;
// The payload sizes of the bulk table.
inline constexpr std::size_t kPayloadSizes[] = {kKiB, kMiB, 64 * kMiB};

// Each is loaded (or made) once and kept for the whole run. Throws InputError naming the missing file.
const SoftwareKey& bench_key();
const Bytes& plaintext(std::size_t size);
const std::string& string_payload(std::size_t size);  // encrypted once for bench_key()
const Bytes& blob_payload(std::size_t size);

// Registers `function` once per payload size, named "<name>/<size>", timed in wall-clock time.
template <typename Function>
void register_per_size(const std::string& name, Function function) {
  for (const std::size_t size : kPayloadSizes) {
    auto* registered = ::benchmark::RegisterBenchmark((name + "/" + std::to_string(size)).c_str(),
                                                      [function, size](::benchmark::State& state) { function(state, size); });
    registered->UseRealTime()->Unit(::benchmark::kMillisecond);
  }
}

// Bytes per second of plaintext, the figure every row of the table compares.
inline void count_bytes(::benchmark::State& state, std::size_t size) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(size));
}

}  // namespace v6hsm::bench
