// Reading a payload or key from a file or stdin, and writing results to a file or stdout. Files are
// written to a temporary name beside the target and renamed into place, so a failure never leaves a
// half-written or truncated output behind.
#pragma once

#include <string>

#include "v6hsm/bytes.hpp"

namespace v6hsm::cli {

inline constexpr const char* kStandardStream = "-";

Bytes read_all(const std::string& path);                       // "-" is stdin
void write_all(const std::string& path, ByteView data);        // "-" is stdout

}  // namespace v6hsm::cli
