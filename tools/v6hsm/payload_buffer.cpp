#include "payload_buffer.hpp"

#include <sys/mman.h>

namespace v6hsm::cli {
namespace {

// The x86-64 and arm64 transparent huge page size; a mapping that spans whole ones is also placed on
// their boundaries by the kernel, so none of it falls back to small pages.
constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t read_up_to(InputStream& input, std::uint8_t* data, std::size_t capacity) {
  std::size_t filled = 0;
  while (filled < capacity) {
    const std::size_t count = input.source().read(data + filled, capacity - filled);
    if (count == 0) break;
    filled += count;
  }
  return filled;
}

}  // namespace

PayloadBuffer::PayloadBuffer(InputStream& input) {
  const std::size_t expected = input.size_hint();
  // One byte more than the file's size shows where it ends.
  if (expected > 0) map((expected + kHugePage) / kHugePage * kHugePage);
  if (!mapping_) {
    read_ = read_all(input);
    return;
  }
  const std::size_t capacity = mapping_.get_deleter().length;
  size_ = read_up_to(input, mapping_.get(), capacity);
  if (size_ < capacity) return;
  // The file grew while it was read: go on in a buffer that can grow.
  read_.assign(mapping_.get(), mapping_.get() + size_);
  mapping_.reset();
  read_rest(input, read_, read_.size());
}

std::span<std::uint8_t> PayloadBuffer::bytes() noexcept {
  if (mapping_) return {mapping_.get(), size_};
  return read_;
}

void PayloadBuffer::map(std::size_t length) noexcept {
  void* const mapping = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) return;
  mapping_ = {static_cast<std::uint8_t*>(mapping), Unmap{length}};
  // Both are hints: without huge pages, or on a kernel before 5.14, the pages fault in as read() fills them.
#ifdef MADV_HUGEPAGE
  ::madvise(mapping, length, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  ::madvise(mapping, length, MADV_POPULATE_WRITE);
#endif
}

void Unmap::operator()(std::uint8_t* address) const noexcept { ::munmap(address, length); }

}  // namespace v6hsm::cli
