#include "scenario/toml_context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "scenario/render.hpp"

namespace spendcast::scenario {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

/// The lines of `text` up to and including line `last` (1-based).
std::vector<std::string_view> lines_up_to(std::string_view text, int last) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (static_cast<int>(lines.size()) < last && start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end;
    lines.push_back(text.substr(start, stop - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

/// The header of a `[table]` or `[[array]]` line, or "" when the line is not one.
std::string_view table_header(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < 3 || t.front() != '[') return {};
  const bool array = t.size() >= 5 && t[1] == '[';
  const std::size_t close = t.find(array ? "]]" : "]");
  if (close == std::string_view::npos) return {};
  return t.substr(0, close + (array ? 2 : 1));
}

/// The key a `key = value` line assigns, or "" when the line has none.
std::string_view assigned_key(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || t.front() == '#' || t.front() == '[') return {};
  const std::size_t eq = t.find('=');
  if (eq == std::string_view::npos) return {};
  const std::string_view key = trim(t.substr(0, eq));
  // Only what reads as a key (bare or quoted, dotted): a line of other bytes names none.
  const bool key_like = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_-.\"' ").find(c) != std::string_view::npos;
  });
  return key_like ? key : std::string_view();
}

}  // namespace

std::string describe_toml_line(std::string_view text, int line) {
  if (line < 1) return {};
  const std::vector<std::string_view> lines = lines_up_to(text, line);
  if (static_cast<int>(lines.size()) < line) return {};
  const std::string_view here = trim(lines[line - 1]);
  if (!here.empty() && here.front() == '[') return "in a table header";
  std::string_view table;
  for (int i = line - 2; i >= 0 && table.empty(); --i) table = table_header(lines[i]);
  const std::string_view key = assigned_key(lines[line - 1]);
  const std::string where =
      table.empty() ? "" : fmt::format("in {}", printable(std::string(table)));
  if (key.empty()) return where;
  const std::string named = fmt::format("key {}", printable(std::string(key)));
  return where.empty() ? "at " + named : where + ", " + named;
}

}  // namespace spendcast::scenario
