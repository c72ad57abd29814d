#include "temp_directory.hpp"

#include <stdlib.h>

#include <string>
#include <system_error>

namespace v6hsm::interop {

TempDirectory::TempDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "v6hsm-interop-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  }
  path_ = pattern;
}

TempDirectory::~TempDirectory() {
  std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace v6hsm::interop
