// Runtime CPU feature tests for the vector paths. The binary is built for the baseline x86-64 (it must run
// on any CPU), so each vector path asks here before it runs; the answer is computed once per process.
#pragma once

namespace v6hsm::detail {

inline bool cpu_has_avx2() noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
#else
  return false;
#endif
}

}  // namespace v6hsm::detail
