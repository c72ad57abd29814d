#include "v6hsm/secure_buffer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace v6hsm {
namespace {

TEST(SecureWipe, ZeroesTheBytes) {
  std::uint8_t buffer[64];
  std::memset(buffer, 0xa5, sizeof buffer);
  secure_wipe(buffer, sizeof buffer);
  for (const auto byte : buffer) EXPECT_EQ(byte, 0);
  secure_wipe(nullptr, 10);  // tolerated
}

// A backing allocator that never really frees: memory stays readable after the container released it,
// so the test can look at what a freed secure buffer left behind.
struct Arena {
  static inline std::array<std::uint8_t, 4096> memory{};
  static inline std::size_t used = 0;
  static inline std::size_t released = 0;
};

template <class T>
struct ArenaBacking {
  using value_type = T;
  ArenaBacking() noexcept = default;
  template <class U>
  ArenaBacking(const ArenaBacking<U>& /*other*/) noexcept {}
  T* allocate(std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    if (Arena::used + bytes > Arena::memory.size()) throw std::bad_alloc();
    T* pointer = reinterpret_cast<T*>(Arena::memory.data() + Arena::used);
    Arena::used += bytes;
    return pointer;
  }
  void deallocate(T* /*pointer*/, std::size_t count) noexcept { Arena::released += count * sizeof(T); }
};

using InspectableSecureBytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t, ArenaBacking<std::uint8_t>>>;

bool contains(std::string_view needle) {
  const auto* begin = Arena::memory.data();
  const auto* end = begin + Arena::used;
  return std::search(begin, end, needle.begin(), needle.end()) != end;
}

TEST(WipingAllocator, FreedSecureBufferHoldsNoSecret) {
  constexpr std::string_view kSecret = "correct-horse-battery-staple-pin";
  {
    InspectableSecureBytes secret(kSecret.begin(), kSecret.end());
    ASSERT_TRUE(contains(kSecret));
    // Growing reallocates: the old block is released (and must be wiped) while the new one is in use.
    for (int i = 0; i < 100; ++i) secret.push_back('!');
  }
  EXPECT_GT(Arena::released, kSecret.size());
  EXPECT_FALSE(contains(kSecret)) << "a freed buffer still holds the secret";
  EXPECT_TRUE(std::all_of(Arena::memory.begin(), Arena::memory.begin() + static_cast<std::ptrdiff_t>(Arena::used),
                          [](std::uint8_t byte) { return byte == 0; }));
}

TEST(SecureBytes, BehavesLikeAVector) {
  SecureBytes secret = to_secure_bytes(as_bytes("pin"));
  secret.push_back('!');
  EXPECT_EQ(as_chars(secret), "pin!");
  EXPECT_EQ(as_view(secret).size(), 4u);
}

}  // namespace
}  // namespace v6hsm
