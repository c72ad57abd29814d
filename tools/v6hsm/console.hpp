// Where the tool's words go: data to stdout, messages and prompts to stderr. --quiet silences
// messages (not warnings or errors), --verbose adds details; tables and --json render reports.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace v6hsm::cli {

class Console {
 public:
  void configure(bool quiet, int verbose, bool json) {
    quiet_ = quiet;
    verbose_ = verbose;
    json_ = json;
  }

  bool json() const noexcept { return json_; }
  bool verbose() const noexcept { return verbose_ > 0; }

  void info(std::string_view message) const;     // a normal progress or result line
  void detail(std::string_view message) const;   // only with --verbose
  void warn(std::string_view message) const;     // always
  void error(std::string_view message) const;    // always
  void data(std::string_view text) const;        // stdout, as is
  void print_json(const nlohmann::ordered_json& document) const;  // stdout, one document

 private:
  bool quiet_ = false;
  int verbose_ = 0;
  bool json_ = false;
};

// A plain-text table with left-aligned columns, for listings.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// "yes"/"no" for table cells.
inline std::string yes_no(bool value) { return value ? "yes" : "no"; }

}  // namespace v6hsm::cli
