// json.loads acceptance (the grammar is in python_json_validator.hpp): the AVX2 path where the CPU has
// it, the portable one elsewhere.
#include "format/python_json_paths.hpp"
#include "format/python_json_validator.hpp"
#include "v6hsm/vantage6_plaintext.hpp"

namespace v6hsm {

bool detail::is_python_json_words(std::string_view text) noexcept {
  return validate_python_json<WordScanner>(text);
}

bool is_python_json(std::string_view text) noexcept {
  if (const auto answer = detail::is_python_json_avx2(text)) return *answer;
  return detail::is_python_json_words(text);
}

}  // namespace v6hsm
