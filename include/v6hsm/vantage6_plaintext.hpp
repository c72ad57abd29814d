// The vantage6 decryptor's post-processing of the AES output (RSACryptor.decrypt_str_to_bytes):
//   - UTF-8 text that Python's json.loads accepts is returned unchanged;
//   - other UTF-8 text is base64-decoded (web-UI payloads carry base64(JSON)); vantage6 raises when that
//     fails, and so do we;
//   - bytes that are not UTF-8 make vantage6 raise, and so do we.
// Raw output (the exact AES output) is the default everywhere; this mode reproduces vantage6 exactly.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "v6hsm/bytes.hpp"

namespace v6hsm {

enum class OutputMode { raw, vantage6 };

bool is_utf8(ByteView bytes) noexcept;
// Python json.loads acceptance: any JSON value, surrounded by JSON whitespace, plus NaN, Infinity and
// -Infinity. Input must already be valid UTF-8.
bool is_python_json(std::string_view text) noexcept;

// Throws PlaintextFormatError where vantage6 would raise.
Bytes apply_vantage6_heuristics(Bytes aes_output);
// The same inside the caller's buffer: the result is written over the start of `aes_output` (it is never
// longer) and its length returned.
std::size_t apply_vantage6_heuristics_in_place(std::span<std::uint8_t> aes_output);

}  // namespace v6hsm
