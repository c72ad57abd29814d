// ByteSource and ByteSink over POSIX file descriptors (files, pipes, stdin/stdout). They do not own the
// descriptor.
#pragma once

#include <string>

#include "v6hsm/stream.hpp"

namespace v6hsm {

class FdSource final : public ByteSource {
 public:
  FdSource(int descriptor, std::string name) : descriptor_(descriptor), name_(std::move(name)) {}
  std::size_t read(std::uint8_t* buffer, std::size_t capacity) override;

 private:
  int descriptor_;
  std::string name_;  // for error messages
};

class FdSink final : public ByteSink {
 public:
  FdSink(int descriptor, std::string name) : descriptor_(descriptor), name_(std::move(name)) {}
  void write(ByteView data) override;

 private:
  int descriptor_;
  std::string name_;
};

}  // namespace v6hsm
