#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spendcast::analysis {

/// A terminal table of text cells: the first column labels the rows; when the columns
/// do not fit `width` characters they are printed in groups that do, each group
/// repeating the first column.
class TextTable {
 public:
  /// A table with these column headers (the first one labels the rows).
  explicit TextTable(std::vector<std::string> headers);
  /// Adds a row of cells, one per header (throws std::invalid_argument otherwise).
  void add_row(std::vector<std::string> cells);
  /// The table, lines ending in '\n', each at most `width` characters wide unless a
  /// single column is wider.
  std::string render(std::size_t width = 100) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// `text` wrapped at spaces into lines of at most `width` characters (a longer word gets
/// a line of its own): the first line starts with `prefix`, the next ones with as many
/// spaces. Every line ends in '\n'.
std::string wrap_text(std::string_view text, std::string_view prefix, std::size_t width = 100);

}  // namespace spendcast::analysis
