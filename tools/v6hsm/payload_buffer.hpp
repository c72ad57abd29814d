// A whole payload in one writable buffer, for decrypting in place (the in-memory `--output vantage6`
// path). A regular file of known size is read into an anonymous mapping backed by transparent huge pages
// and faulted in by one madvise call: for an 85 MiB payload that is a few dozen 2 MiB pages instead of
// ~22,000 page faults with the kernel's per-page bookkeeping, and nothing is zero-filled in user space
// (Bytes would be). Pipes, terminals and empty files are read into a growing Bytes buffer, as read_all does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "data_io.hpp"

namespace v6hsm::cli {

class PayloadBuffer {
 public:
  explicit PayloadBuffer(InputStream& input);
  ~PayloadBuffer();
  PayloadBuffer(const PayloadBuffer&) = delete;
  PayloadBuffer& operator=(const PayloadBuffer&) = delete;

  std::span<std::uint8_t> bytes() noexcept;

 private:
  bool map(std::size_t length) noexcept;
  void unmap() noexcept;

  std::uint8_t* mapping_ = nullptr;
  std::size_t mapping_length_ = 0;
  std::size_t size_ = 0;  // bytes read into the mapping
  Bytes read_;            // the input when it is not in the mapping
};

}  // namespace v6hsm::cli
