#include "data_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "v6hsm/error.hpp"

namespace v6hsm::cli {

InputStream::InputStream(const std::string& path) {
  if (path == kStandardStream) {
    descriptor_ = STDIN_FILENO;
  } else {
    descriptor_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor_ < 0) throw InputError("cannot open input file '" + path + "': " + std::strerror(errno));
    owned_ = true;
  }
  source_.emplace(descriptor_, path == kStandardStream ? "standard input" : "'" + path + "'");
}

InputStream::~InputStream() {
  if (owned_) ::close(descriptor_);
}

std::size_t InputStream::size_hint() const {
  struct stat status {};
  return ::fstat(descriptor_, &status) == 0 && S_ISREG(status.st_mode) ? static_cast<std::size_t>(status.st_size) : 0;
}

Bytes read_all(const std::string& path) {
  InputStream input(path);
  return read_all(input);
}

Bytes read_all(InputStream& input) {
  // A regular file is read into an exactly sized buffer (plus one byte to see the end); a pipe grows it.
  Bytes data(std::max<std::size_t>(input.size_hint() + 1, 1 << 16));
  read_rest(input, data, 0);
  return data;
}

void read_rest(InputStream& input, Bytes& data, std::size_t filled) {
  if (data.size() <= filled) data.resize(std::max<std::size_t>(2 * filled, 1 << 16));
  while (const std::size_t count = input.source().read(data.data() + filled, data.size() - filled)) {
    filled += count;
    if (filled == data.size()) data.resize(data.size() * 2);
  }
  data.resize(filled);
}

OutputStream::OutputStream(const std::string& path) : path_(path) {
  if (path == kStandardStream) {
    descriptor_ = STDOUT_FILENO;
    sink_.emplace(descriptor_, "standard output");
    return;
  }
  temporary_ = path + ".v6hsm-partial-" + std::to_string(::getpid());
  descriptor_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (descriptor_ < 0) throw InputError("cannot write output file '" + path + "': " + std::strerror(errno));
  sink_.emplace(descriptor_, "'" + path + "'");
}

void OutputStream::commit() {
  if (temporary_.empty()) return;
  const int status = ::close(descriptor_);
  descriptor_ = -1;
  if (status != 0 || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    throw InputError("cannot write output file '" + path_ + "': " + std::strerror(errno));
  }
  temporary_.clear();
}

OutputStream::~OutputStream() {
  if (temporary_.empty()) return;
  if (descriptor_ >= 0) ::close(descriptor_);
  ::unlink(temporary_.c_str());
}

void write_all(const std::string& path, ByteView data) {
  OutputStream output(path);
  output.sink().write(data);
  output.commit();
}

}  // namespace v6hsm::cli
