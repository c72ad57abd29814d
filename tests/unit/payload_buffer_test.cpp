// The CLI's payload buffer (tools/v6hsm/payload_buffer.cpp): a regular file lands in a huge-page mapping,
// a pipe in a growing buffer; either way the bytes are the input's, and they are writable (the payload is
// decrypted over itself).
#include "payload_buffer.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

namespace v6hsm::cli {
namespace {

class TemporaryFile {
 public:
  explicit TemporaryFile(const Bytes& content)
      : path_(std::filesystem::temp_directory_path() / ("v6hsm-payload-" + std::to_string(::getpid()))) {
    std::ofstream(path_, std::ios::binary).write(reinterpret_cast<const char*>(content.data()),
                                                 static_cast<std::streamsize>(content.size()));
  }
  ~TemporaryFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

Bytes random_bytes(std::size_t size) {
  std::mt19937 random(static_cast<unsigned>(size));
  Bytes bytes(size);
  for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
  return bytes;
}

Bytes contents(std::span<std::uint8_t> bytes) { return {bytes.begin(), bytes.end()}; }

constexpr std::size_t kHugePage = std::size_t{2} << 20;

TEST(PayloadBuffer, HoldsAFileOfAnySizeAroundTheHugePageSize) {
  for (const std::size_t size : {std::size_t{1}, std::size_t{4095}, kHugePage - 1, kHugePage, kHugePage + 1,
                                 5 * kHugePage / 2}) {
    const Bytes expected = random_bytes(size);
    const TemporaryFile file(expected);
    InputStream input(file.path());
    PayloadBuffer buffer(input);
    ASSERT_EQ(contents(buffer.bytes()), expected) << size;
  }
}

TEST(PayloadBuffer, ItsBytesAreWritable) {
  const TemporaryFile file(random_bytes(kHugePage + 3));
  InputStream input(file.path());
  PayloadBuffer buffer(input);
  std::fill(buffer.bytes().begin(), buffer.bytes().end(), 0x5a);
  EXPECT_EQ(contents(buffer.bytes()), Bytes(kHugePage + 3, 0x5a));
}

TEST(PayloadBuffer, AnEmptyFileIsEmpty) {
  const TemporaryFile file({});
  InputStream input(file.path());
  PayloadBuffer buffer(input);
  EXPECT_TRUE(buffer.bytes().empty());
}

TEST(PayloadBuffer, APipeIsReadToItsEnd) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const Bytes expected = random_bytes(300000);  // more than a pipe holds, so reading and writing interleave
  std::thread writer([&] {
    for (std::size_t done = 0; done < expected.size();) {
      const auto count = ::write(ends[1], expected.data() + done, expected.size() - done);
      if (count <= 0) break;
      done += static_cast<std::size_t>(count);
    }
    ::close(ends[1]);
  });
  {
    InputStream input("/proc/self/fd/" + std::to_string(ends[0]));
    PayloadBuffer buffer(input);
    EXPECT_EQ(contents(buffer.bytes()), expected);
  }
  writer.join();
  ::close(ends[0]);
}

// A file that grows between its size check and the end of reading goes on in a growing buffer.
TEST(ReadRest, AppendsTheRestOfTheInputAfterWhatIsAlreadyThere) {
  const Bytes tail = random_bytes(200000);
  const TemporaryFile file(tail);
  for (const std::size_t filled : {std::size_t{0}, std::size_t{1}, std::size_t{70000}}) {
    Bytes data(filled, 0x11);
    InputStream input(file.path());
    read_rest(input, data, filled);
    Bytes expected(filled, 0x11);
    expected.insert(expected.end(), tail.begin(), tail.end());
    ASSERT_EQ(data, expected) << filled;
  }
}

}  // namespace
}  // namespace v6hsm::cli
