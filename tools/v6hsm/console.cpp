#include "console.hpp"

#include <algorithm>
#include <iostream>

namespace v6hsm::cli {

void Console::info(std::string_view message) const {
  if (!quiet_) std::cerr << message << '\n';
}

void Console::detail(std::string_view message) const {
  if (verbose_ > 0) std::cerr << message << '\n';
}

void Console::warn(std::string_view message) const { std::cerr << "warning: " << message << '\n'; }

void Console::error(std::string_view message) const { std::cerr << "error: " << message << '\n'; }

void Console::data(std::string_view text) const {
  std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
  std::cout.flush();
}

void Console::print_json(const nlohmann::ordered_json& document) const { std::cout << document.dump(2) << '\n'; }

std::string Table::render() const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t column = 0; column < headers_.size(); ++column) {
    widths[column] = headers_[column].size();
    for (const auto& row : rows_) widths[column] = std::max(widths[column], row.at(column).size());
  }
  std::string out;
  const auto append_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      line += cells[column];
      if (column + 1 < cells.size()) line += std::string(widths[column] - cells[column].size() + 2, ' ');
    }
    out += line + '\n';
  };
  append_row(headers_);
  for (const auto& row : rows_) append_row(row);
  return out;
}

}  // namespace v6hsm::cli
