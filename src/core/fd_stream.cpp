#include "v6hsm/fd_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "v6hsm/error.hpp"

namespace v6hsm {

std::size_t FdSource::read(std::uint8_t* buffer, std::size_t capacity) {
  for (;;) {
    const ssize_t count = ::read(descriptor_, buffer, capacity);
    if (count >= 0) return static_cast<std::size_t>(count);
    if (errno != EINTR) throw InputError("cannot read " + name_ + ": " + std::strerror(errno));
  }
}

void FdSink::write(ByteView data) {
  while (!data.empty()) {
    const ssize_t count = ::write(descriptor_, data.data(), data.size());
    if (count < 0) {
      if (errno == EINTR) continue;
      throw InputError("cannot write " + name_ + ": " + std::strerror(errno));
    }
    data = data.subspan(static_cast<std::size_t>(count));
  }
}

}  // namespace v6hsm
