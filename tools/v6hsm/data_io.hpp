// Reading a payload or key from a file or stdin, and writing results to a file or stdout. Files are
// written to a temporary name beside the target and renamed into place only when the command succeeds,
// so a failure never leaves a half-written or truncated output behind.
#pragma once

#include <optional>
#include <string>

#include "v6hsm/bytes.hpp"
#include "v6hsm/fd_stream.hpp"

namespace v6hsm::cli {

inline constexpr const char* kStandardStream = "-";

Bytes read_all(const std::string& path);                 // "-" is stdin
void write_all(const std::string& path, ByteView data);  // "-" is stdout

// An input file (or stdin) as a stream.
class InputStream {
 public:
  explicit InputStream(const std::string& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  ByteSource& source() { return *source_; }
  // The size of a regular file, 0 for pipes and terminals.
  std::size_t size_hint() const;

 private:
  int descriptor_ = -1;
  bool owned_ = false;
  std::optional<FdSource> source_;
};

Bytes read_all(InputStream& input);
// Reads the rest of `input` into `data` after its first `filled` bytes, growing it as needed, and cuts
// it to the end of the input.
void read_rest(InputStream& input, Bytes& data, std::size_t filled);

// An output file (or stdout) as a stream; commit() puts a file in place, destruction without commit()
// removes the temporary file.
class OutputStream {
 public:
  explicit OutputStream(const std::string& path);
  ~OutputStream();
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;
  ByteSink& sink() { return *sink_; }
  void commit();

 private:
  std::string path_;
  std::string temporary_;
  int descriptor_ = -1;
  std::optional<FdSink> sink_;
};

}  // namespace v6hsm::cli
