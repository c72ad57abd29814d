// Slow, obviously-correct oracles for the differential fuzz target of the fast text validators in
// src/format. They are written differently on purpose (UTF-8 by decoding each code point and checking its
// range; JSON by recursive descent over a shrinking view), so a shared mistake is unlikely.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "v6hsm/bytes.hpp"

namespace v6hsm::fuzz::reference {

// Python's strict UTF-8 decoder: shortest form only, no surrogates, nothing above U+10FFFF.
inline bool is_utf8(ByteView bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::uint8_t lead = bytes[i];
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) length = 1, code_point = lead;
    else if ((lead & 0xe0) == 0xc0) length = 2, code_point = lead & 0x1fu;
    else if ((lead & 0xf0) == 0xe0) length = 3, code_point = lead & 0x0fu;
    else if ((lead & 0xf8) == 0xf0) length = 4, code_point = lead & 0x07u;
    else return false;
    if (bytes.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xc0) != 0x80) return false;
      code_point = (code_point << 6) | (bytes[i + k] & 0x3fu);
    }
    constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10ffff) return false;
    if (code_point >= 0xd800 && code_point <= 0xdfff) return false;
    i += length;
  }
  return true;
}

// json.loads acceptance by recursive descent; nesting deeper than kMaxDepth gives no answer.
class JsonGrammar {
 public:
  static constexpr int kMaxDepth = 500;

  static std::optional<bool> accepts(std::string_view text) {
    JsonGrammar grammar(text);
    grammar.whitespace();
    const bool ok = grammar.value(0) && (grammar.whitespace(), grammar.rest_.empty());
    if (grammar.too_deep_) return std::nullopt;
    return ok;
  }

 private:
  explicit JsonGrammar(std::string_view text) : rest_(text) {}

  bool take(std::string_view prefix) {
    if (!rest_.starts_with(prefix)) return false;
    rest_.remove_prefix(prefix.size());
    return true;
  }
  bool next_is(std::string_view set) const { return !rest_.empty() && set.find(rest_.front()) != set.npos; }
  void whitespace() {
    while (next_is(" \t\r\n")) rest_.remove_prefix(1);
  }
  bool digits() {
    if (!next_is("0123456789")) return false;
    while (next_is("0123456789")) rest_.remove_prefix(1);
    return true;
  }

  bool value(int depth) {
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    if (take("{")) return members(depth, '}');
    if (take("[")) return members(depth, ']');
    if (next_is("\"")) return string();
    for (std::string_view word : {"true", "false", "null", "NaN", "Infinity", "-Infinity"}) {
      if (take(word)) return true;
    }
    return number();
  }

  bool members(int depth, char closer) {
    whitespace();
    if (take(std::string_view(&closer, 1))) return true;
    for (;;) {
      if (closer == '}') {
        if (!string()) return false;
        whitespace();
        if (!take(":")) return false;
        whitespace();
      }
      if (!value(depth + 1)) return false;
      whitespace();
      if (take(std::string_view(&closer, 1))) return true;
      if (!take(",")) return false;
      whitespace();
    }
  }

  bool string() {
    if (!take("\"")) return false;
    while (!rest_.empty()) {
      const char character = rest_.front();
      rest_.remove_prefix(1);
      if (character == '"') return true;
      if (static_cast<unsigned char>(character) < 0x20) return false;
      if (character == '\\' && !escape()) return false;
    }
    return false;
  }

  bool escape() {
    if (take("u")) {
      for (int i = 0; i < 4; ++i) {
        if (!next_is("0123456789abcdefABCDEF")) return false;
        rest_.remove_prefix(1);
      }
      return true;
    }
    if (!next_is("\"\\/bfnrt")) return false;
    rest_.remove_prefix(1);
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, as Python's NUMBER_RE; a bad tail fails the whole text.
  bool number() {
    take("-");
    if (!take("0") && !digits()) return false;
    if (take(".") && !digits()) return false;
    if (take("e") || take("E")) {
      if (!take("+")) take("-");
      if (!digits()) return false;
    }
    return true;
  }

  std::string_view rest_;
  bool too_deep_ = false;
};

}  // namespace v6hsm::fuzz::reference
