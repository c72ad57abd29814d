// PKCS#11 info structures hold fixed-size, blank-padded, unterminated text fields.
#pragma once

#include <cstddef>
#include <string>

namespace v6hsm::token {

inline std::string padded_text(const unsigned char* field, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(field), size);
  const auto end = text.find_last_not_of(" \0", std::string::npos, 2);
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text;
}

template <std::size_t N>
std::string padded_text(const unsigned char (&field)[N]) {
  return padded_text(field, N);
}

}  // namespace v6hsm::token
