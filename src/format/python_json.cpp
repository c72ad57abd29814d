// A validator for exactly the texts Python's json.loads accepts (its default, strict=True): RFC 8259
// JSON plus NaN, Infinity and -Infinity, with only space, tab, CR and LF as whitespace. vantage6 uses
// json.loads to decide whether a decrypted payload is JSON, so this is the check to reproduce.
// It is iterative (an explicit stack), so no nesting depth can overflow the C++ stack, and it jumps over
// the plain parts of strings (most of a large payload) a word at a time.
#include <vector>

#include "format/swar.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {
namespace {

class PythonJsonValidator {
 public:
  explicit PythonJsonValidator(std::string_view text) : text_(text) {}

  bool run() {
    skip_whitespace();
    if (!begin_value()) return false;
    while (!containers_.empty()) {
      if (!step_container()) return false;
    }
    skip_whitespace();
    return position_ == text_.size();
  }

 private:
  struct Container {
    char closer;       // '}' or ']'
    bool expect_first;  // nothing parsed inside yet, so no comma is due
  };

  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[position_]; }

  void skip_whitespace() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++position_;
  }

  bool consume(std::string_view literal) {
    if (text_.substr(position_, literal.size()) != literal) return false;
    position_ += literal.size();
    return true;
  }

  // Parses a scalar completely; for an object or array only opens it, and the main loop parses its
  // members, so nesting never recurses.
  bool begin_value() {
    switch (peek()) {
      case '{':
      case '[':
        containers_.push_back({peek() == '{' ? '}' : ']', true});
        ++position_;
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
    if (peek() == closer) {
      ++position_;
      containers_.pop_back();
      return true;
    }
    if (!first && !consume(",")) return false;
    skip_whitespace();
    return begin_member(closer);
  }

  // `"key": value` in an object, `value` in an array.
  bool begin_member(char closer) {
    if (closer == '}') {
      if (peek() != '"' || !string()) return false;
      skip_whitespace();
      if (!consume(":")) return false;
      skip_whitespace();
    }
    return begin_value();
  }

  bool string() {
    ++position_;  // opening quote
    for (;;) {
      skip_plain_string_characters();
      if (at_end()) return false;
      const char character = text_[position_++];
      if (character == '"') return true;
      if (static_cast<unsigned char>(character) < 0x20) return false;
      if (character == '\\' && !escape()) return false;
    }
  }

  // Moves to the first quote, backslash or control character of the word that holds one (or to the last
  // partial word); everything before it is an ordinary string character.
  void skip_plain_string_characters() {
    while (text_.size() - position_ >= detail::kWordBytes) {
      const std::uint64_t word = detail::load_word(text_.data() + position_);
      const std::uint64_t special =
          detail::bytes_equal(word, '"') | detail::bytes_equal(word, '\\') | detail::bytes_below(word, 0x20);
      if (special != 0) {
        position_ += detail::first_flagged_byte(special);
        return;
      }
      position_ += detail::kWordBytes;
    }
  }

  bool escape() {
    if (at_end()) return false;
    const char kind = text_[position_++];
    if (kind == 'u') return hex_digits(4);
    return std::string_view("\"\\/bfnrt").find(kind) != std::string_view::npos;
  }

  bool hex_digits(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const char digit = peek();
      const bool hex = (digit >= '0' && digit <= '9') || (digit >= 'a' && digit <= 'f') || (digit >= 'A' && digit <= 'F');
      if (!hex) return false;
      ++position_;
    }
    return true;
  }

  bool digits() {
    const std::size_t start = position_;
    while (peek() >= '0' && peek() <= '9') ++position_;
    return position_ > start;
  }

  bool number() {
    if (consume("-") && peek() == 'I') return consume("Infinity");
    if (consume("0")) {
      // A leading zero is a whole integer part; "01" leaves "1" as extra data, which fails later.
    } else if (!digits()) {
      return false;
    }
    if (consume(".") && !digits()) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++position_;
      if (peek() == '+' || peek() == '-') ++position_;
      if (!digits()) return false;
    }
    return true;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::vector<Container> containers_;  // innermost last
};

}  // namespace

bool is_python_json(std::string_view text) noexcept {
  try {
    return PythonJsonValidator(text).run();
  } catch (...) {  // only std::bad_alloc from the stack; treat as "not JSON" like Python's RecursionError
    return false;
  }
}

}  // namespace v6hsm
