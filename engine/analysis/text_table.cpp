#include "analysis/text_table.hpp"

#include <algorithm>
#include <stdexcept>

#include "analysis/metric_format.hpp"

namespace spendcast::analysis {

namespace {

constexpr std::size_t gap = 2;  ///< spaces between columns

void append_padded(std::string& out, const std::string& text, std::size_t width) {
  out += text;
  out.append(width - std::min(width, display_width(text)), ' ');
}

void append_line(std::string& out, const std::vector<std::string>& cells,
                 const std::vector<std::size_t>& widths, std::size_t first, std::size_t last) {
  std::string line;
  append_padded(line, cells[0], widths[0]);
  for (std::size_t c = first; c < last; ++c) append_padded(line, cells[c], widths[c]);
  line.erase(line.find_last_not_of(' ') + 1);
  out += line + '\n';
}

}  // namespace

TextTable::TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {
  if (headers_.empty()) throw std::invalid_argument("TextTable: no columns");
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size())
    throw std::invalid_argument("TextTable: a row with the wrong number of cells");
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(std::size_t width) const {
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    std::size_t w = display_width(headers_[c]);
    for (const auto& row : rows_) w = std::max(w, display_width(row[c]));
    widths.push_back(w + gap);
  }
  std::string out;
  std::size_t first = 1;
  do {
    std::size_t last = first, used = widths[0];
    while (last < headers_.size() && (last == first || used + widths[last] - gap <= width))
      used += widths[last++];
    if (first > 1) out += '\n';
    append_line(out, headers_, widths, first, last);
    for (const auto& row : rows_) append_line(out, row, widths, first, last);
    first = last;
  } while (first < headers_.size());
  return out;
}

std::string wrap_text(std::string_view text, std::string_view prefix, std::size_t width) {
  const std::string indent(display_width(prefix), ' ');
  std::string out, line(prefix);
  std::size_t used = display_width(prefix);
  bool empty = true;  // no word on the line yet
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::size_t w = display_width(word);
    if (!empty && used + 1 + w > width) {
      out += line + '\n';
      line = indent;
      used = indent.size();
      empty = true;
    }
    if (!empty) {
      line += ' ';
      ++used;
    }
    line += word;
    used += w;
    empty = false;
  }
  return out + line + '\n';
}

}  // namespace spendcast::analysis
