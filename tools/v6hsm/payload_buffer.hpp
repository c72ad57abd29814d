// A whole payload in one writable buffer, for decrypting in place (the in-memory `--output vantage6`
// path). A regular file of known size is read into an anonymous mapping backed by transparent huge pages
// and faulted in by one madvise call: for an 85 MiB payload that is a few dozen 2 MiB pages instead of
// ~22,000 page faults with the kernel's per-page bookkeeping, and nothing is zero-filled in user space
// (Bytes would be). Pipes, terminals and empty files are read into a growing Bytes buffer, as read_all does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "data_io.hpp"

namespace v6hsm::cli {

// Releases an anonymous mapping of `length` bytes.
struct Unmap {
  std::size_t length = 0;
  void operator()(std::uint8_t* address) const noexcept;
};

class PayloadBuffer {
 public:
  explicit PayloadBuffer(InputStream& input);

  std::span<std::uint8_t> bytes() noexcept;

 private:
  void map(std::size_t length) noexcept;

  std::unique_ptr<std::uint8_t, Unmap> mapping_;  // also released when a read throws
  std::size_t size_ = 0;                          // bytes read into the mapping
  Bytes read_;                                    // the input when it is not in the mapping
};

}  // namespace v6hsm::cli
