// Storage for secrets (shared AES keys, PINs, API keys, private-key PEM text): every byte is wiped with
// OPENSSL_cleanse before the memory goes back to the allocator, including on reallocation.
// std::vector never stores elements inline, so unlike std::string there is no small-buffer copy that
// escapes the wipe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "v6hsm/bytes.hpp"

namespace v6hsm {

// Overwrites `size` bytes at `data` in a way the optimizer cannot remove.
void secure_wipe(void* data, std::size_t size) noexcept;

// Wipes memory before handing it back to `Backing` (std::allocator, or a test's arena that lets a test
// look at the memory after it was freed).
template <class T, class Backing = std::allocator<T>>
struct WipingAllocator {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = WipingAllocator<U, typename std::allocator_traits<Backing>::template rebind_alloc<U>>;
  };

  WipingAllocator() noexcept = default;
  template <class U, class OtherBacking>
  WipingAllocator(const WipingAllocator<U, OtherBacking>& /*other*/) noexcept {}

  T* allocate(std::size_t count) { return Backing{}.allocate(count); }
  void deallocate(T* pointer, std::size_t count) noexcept {
    secure_wipe(pointer, count * sizeof(T));
    Backing{}.deallocate(pointer, count);
  }

  template <class U, class OtherBacking>
  bool operator==(const WipingAllocator<U, OtherBacking>& /*other*/) const noexcept {
    return true;
  }
};

using SecureBytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

inline SecureBytes to_secure_bytes(ByteView bytes) { return {bytes.begin(), bytes.end()}; }

inline std::string_view as_chars(const SecureBytes& bytes) noexcept {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

inline ByteView as_view(const SecureBytes& bytes) noexcept { return {bytes.data(), bytes.size()}; }

}  // namespace v6hsm
