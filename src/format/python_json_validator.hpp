// A validator for exactly the texts Python's json.loads accepts (its default, strict=True): RFC 8259
// JSON plus NaN, Infinity and -Infinity, with only space, tab, CR and LF as whitespace. vantage6 uses
// json.loads to decide whether a decrypted payload is JSON, so this is the check to reproduce.
// It is iterative (an explicit stack), so no nesting depth can overflow the C++ stack. The runs that make
// up most of a large payload (the plain parts of strings, digits, whitespace) are skipped by a Scanner:
// WordScanner below on every CPU, an AVX2 one (python_json_avx2.cpp) where the CPU has it. The grammar is
// written once, so both paths accept the same texts by construction.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "format/swar.hpp"

namespace v6hsm::detail {

constexpr bool is_json_whitespace(char character) noexcept {
  return character == ' ' || character == '\t' || character == '\n' || character == '\r';
}

constexpr bool is_digit(char character) noexcept { return character >= '0' && character <= '9'; }

// The portable scanner: eight bytes per step inside strings, byte by byte elsewhere. It also finishes
// the vector scanner's runs in the last partial block of a text.
struct WordScanner {
  // Returns a position at or before the first quote, backslash or control character (the first one of
  // the word that holds it, or the last partial word); every byte before it is an ordinary string byte.
  static const char* skip_plain_string(const char* next, const char* end) noexcept {
    while (static_cast<std::size_t>(end - next) >= kWordBytes) {
      const std::uint64_t word = load_word(next);
      const std::uint64_t special = bytes_equal(word, '"') | bytes_equal(word, '\\') | bytes_below(word, 0x20);
      if (special != 0) return next + first_flagged_byte(special);
      next += kWordBytes;
    }
    return next;
  }

  // Both return exactly the first byte that does not belong to the run (or `end`).
  static const char* skip_digits(const char* next, const char* end) noexcept {
    while (next != end && is_digit(*next)) ++next;
    return next;
  }

  static const char* skip_whitespace(const char* next, const char* end) noexcept {
    while (next != end && is_json_whitespace(*next)) ++next;
    return next;
  }
};

template <class Scanner>
class PythonJsonValidator {
 public:
  explicit PythonJsonValidator(std::string_view text) : next_(text.data()), end_(text.data() + text.size()) {}

  bool run() {
    skip_whitespace();
    if (!begin_value()) return false;
    while (!containers_.empty()) {
      if (!step_container()) return false;
    }
    skip_whitespace();
    return at_end();
  }

 private:
  struct Container {
    char closer;        // '}' or ']'
    bool expect_first;  // nothing parsed inside yet, so no comma is due
  };

  bool at_end() const { return next_ == end_; }
  char peek() const { return at_end() ? '\0' : *next_; }

  // Most tokens have no whitespace or a single space before them, so only a longer run (indentation)
  // goes to the scanner.
  void skip_whitespace() {
    if (at_end() || !is_json_whitespace(*next_)) return;
    ++next_;
    if (!at_end() && is_json_whitespace(*next_)) next_ = Scanner::skip_whitespace(next_, end_);
  }

  bool consume(char expected) {
    if (peek() != expected) return false;
    ++next_;
    return true;
  }

  bool consume(std::string_view literal) {
    if (static_cast<std::size_t>(end_ - next_) < literal.size() || std::string_view(next_, literal.size()) != literal) {
      return false;
    }
    next_ += literal.size();
    return true;
  }

  // Parses a scalar completely; for an object or array only opens it, and the main loop parses its
  // members, so nesting never recurses.
  bool begin_value() {
    switch (peek()) {
      case '{':
      case '[':
        containers_.push_back({*next_ == '{' ? '}' : ']', true});
        ++next_;
        return true;
      case '"': return string();
      case 't': return consume("true");
      case 'f': return consume("false");
      case 'n': return consume("null");
      case 'N': return consume("NaN");
      case 'I': return consume("Infinity");
      default: return number();
    }
  }

  // One step inside the innermost container: its closer, or (after a comma unless it is the first)
  // the next member.
  bool step_container() {
    skip_whitespace();
    Container& innermost = containers_.back();
    const char closer = innermost.closer;
    const bool first = innermost.expect_first;
    innermost.expect_first = false;
    if (consume(closer)) {
      containers_.pop_back();
      return true;
    }
    if (!first && !consume(',')) return false;
    skip_whitespace();
    return begin_member(closer);
  }

  // `"key": value` in an object, `value` in an array.
  bool begin_member(char closer) {
    if (closer == '}') {
      if (peek() != '"' || !string()) return false;
      skip_whitespace();
      if (!consume(':')) return false;
      skip_whitespace();
    }
    return begin_value();
  }

  bool string() {
    ++next_;  // opening quote
    for (;;) {
      next_ = Scanner::skip_plain_string(next_, end_);
      if (at_end()) return false;
      const char character = *next_++;
      if (character == '"') return true;
      if (static_cast<unsigned char>(character) < 0x20) return false;
      if (character == '\\' && !escape()) return false;
    }
  }

  bool escape() {
    if (at_end()) return false;
    switch (*next_++) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't': return true;
      case 'u': return hex_digits(4);
      default: return false;
    }
  }

  bool hex_digits(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const char digit = peek();
      const bool hex = is_digit(digit) || (digit >= 'a' && digit <= 'f') || (digit >= 'A' && digit <= 'F');
      if (!hex) return false;
      ++next_;
    }
    return true;
  }

  bool digits() {
    const char* const start = next_;
    next_ = Scanner::skip_digits(next_, end_);
    return next_ != start;
  }

  bool number() {
    if (consume('-') && peek() == 'I') return consume("Infinity");
    if (consume('0')) {
      // A leading zero is a whole integer part; "01" leaves "1" as extra data, which fails later.
    } else if (!digits()) {
      return false;
    }
    if (consume('.') && !digits()) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++next_;
      if (peek() == '+' || peek() == '-') ++next_;
      if (!digits()) return false;
    }
    return true;
  }

  const char* next_;
  const char* end_;
  std::vector<Container> containers_;  // innermost last
};

// The validator behind a noexcept interface: the only exception is std::bad_alloc from the container
// stack, answered "not JSON" like Python's RecursionError.
template <class Scanner>
bool validate_python_json(std::string_view text) noexcept {
  try {
    return PythonJsonValidator<Scanner>(text).run();
  } catch (...) {
    return false;
  }
}

}  // namespace v6hsm::detail
