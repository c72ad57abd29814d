// Test data for the interop suites: payload files, random payloads, and byte comparisons that stay
// readable for 16 MiB payloads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "v6hsm/bytes.hpp"

namespace v6hsm::interop {

// The payload sizes of the foundation issue: empty, around one AES block, one page less a byte, 1 and 16 MiB.
inline const std::vector<std::size_t> kPayloadSizes = {0, 1, 15, 16, 17, 4095, 1 << 20, 16 << 20};
inline const std::vector<int> kKeySizes = {2048, 3072, 4096};
// "rsa2048": the test-name suffix of a suite parameterized over kKeySizes.
std::string key_size_name(const ::testing::TestParamInfo<int>& key_size);

Bytes read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, ByteView content);

Bytes random_payload(std::size_t size);

// Equal bytes, or a message with both sizes and the first differing offset (never a 16 MiB dump).
::testing::AssertionResult same_bytes(ByteView actual, ByteView expected);

}  // namespace v6hsm::interop
