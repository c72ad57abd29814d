#include "data_io.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "v6hsm/error.hpp"

namespace v6hsm::cli {

Bytes read_all(const std::string& path) {
  if (path == kStandardStream) {
    std::cin.sync_with_stdio(false);
    return Bytes(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("cannot open input file '" + path + "'");
  file.seekg(0, std::ios::end);
  const auto size = file.tellg();
  file.seekg(0);
  Bytes data(size > 0 ? static_cast<std::size_t>(size) : 0);
  file.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!file) throw InputError("cannot read input file '" + path + "'");
  return data;
}

void write_all(const std::string& path, ByteView data) {
  if (path == kStandardStream) {
    std::cout.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) throw InputError("cannot write to standard output");
    return;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path temporary = target.string() + ".v6hsm-partial-" + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!file.flush()) {
      std::filesystem::remove(temporary);
      throw InputError("cannot write output file '" + path + "'");
    }
  }
  std::error_code failure;
  std::filesystem::rename(temporary, target, failure);
  if (failure) {
    std::filesystem::remove(temporary);
    throw InputError("cannot write output file '" + path + "': " + failure.message());
  }
}

}  // namespace v6hsm::cli
