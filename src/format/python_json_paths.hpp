// The two implementations behind is_python_json(), reachable one by one so tests and fuzzers can check
// each of them whatever CPU they run on.
#pragma once

#include <optional>
#include <string_view>

namespace v6hsm::detail {

// The portable path (word-at-a-time string scans), on every CPU.
bool is_python_json_words(std::string_view text) noexcept;

// The AVX2 path (32 bytes per step in strings, digit and whitespace runs); no answer on a CPU without AVX2.
std::optional<bool> is_python_json_avx2(std::string_view text) noexcept;

}  // namespace v6hsm::detail
