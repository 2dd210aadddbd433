#include "analysis/metric_selection.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "scenario/diagnostic.hpp"
#include "util/closest_match.hpp"

namespace spendcast::analysis {

namespace {

int year_index(const stats::MetricLayout& layout, int year) {
  const auto it = std::find(layout.years.begin(), layout.years.end(), year);
  return it == layout.years.end() ? -1 : static_cast<int>(it - layout.years.begin());
}

std::vector<std::string> default_metrics(const stats::MetricLayout& a,
                                         const stats::MetricLayout& b) {
  std::vector<std::string> metrics{"spend"};
  for (const stats::MetricLayout* layout : {&a, &b})
    for (const std::string& vendor : layout->vendor_names) {
      const std::string name = "share." + vendor;
      if (std::find(metrics.begin(), metrics.end(), name) == metrics.end()) metrics.push_back(name);
    }
  return metrics;
}

/// "2031" or "2031–2035" for each run of consecutive years.
std::string year_ranges(const std::vector<int>& years) {
  std::string out;
  for (std::size_t k = 0; k < years.size();) {
    std::size_t last = k;
    while (last + 1 < years.size() && years[last + 1] == years[last] + 1) ++last;
    if (!out.empty()) out += ", ";
    out += last == k ? fmt::format("{}", years[k]) : fmt::format("{}–{}", years[k], years[last]);
    k = last + 1;
  }
  return out;
}

scenario::Diagnostic option_error(const std::string& option, const std::string& message) {
  return scenario::Diagnostic{scenario::Diagnostic::Severity::error,
                              scenario::SourcePosition{option, 0, 0}, message};
}

}  // namespace

void check_request(std::span<const stats::MetricLayout* const> layouts,
                   const MetricRequest& request) {
  if (layouts.empty()) throw std::invalid_argument("check_request: no layouts");
  std::vector<std::string> known;
  std::set<int> years;
  for (const stats::MetricLayout* layout : layouts) {
    for (const std::string& m : layout->metrics)
      if (std::find(known.begin(), known.end(), m) == known.end()) known.push_back(m);
    years.insert(layout->years.begin(), layout->years.end());
  }
  std::vector<scenario::Diagnostic> errors;
  for (const std::string& metric : request.metrics) {
    if (std::find(known.begin(), known.end(), metric) != known.end()) continue;
    std::string message = fmt::format("unknown metric (got \"{}\"", metric);
    if (auto close = util::closest_match(metric, known))
      message += fmt::format("); did you mean '{}'?", *close);
    else
      message += fmt::format("; expected one of: {})", fmt::join(known, ", "));
    errors.push_back(option_error("--metric " + metric, message));
  }
  for (const int year : request.years) {
    if (years.count(year)) continue;
    errors.push_back(option_error(
        fmt::format("--year {}", year),
        fmt::format("outside the run{} (got {}; expected a year from {} to {})",
                    layouts.size() == 1 ? "" : "s", year, *years.begin(), *years.rbegin())));
  }
  if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
}

CellSelection select_cells(const stats::MetricLayout& a, const std::string& a_name,
                           const stats::MetricLayout& b, const std::string& b_name,
                           const MetricRequest& request) {
  CellSelection out;
  std::set<int> wanted(request.years.begin(), request.years.end());
  if (wanted.empty()) {
    wanted.insert(a.years.begin(), a.years.end());
    wanted.insert(b.years.begin(), b.years.end());
  }
  const std::vector<int> years(wanted.begin(), wanted.end());
  std::vector<int> shared, only_a, only_b;
  for (const int y : years) {
    const bool in_a = year_index(a, y) >= 0, in_b = year_index(b, y) >= 0;
    if (in_a && in_b) shared.push_back(y);
    if (in_a && !in_b) only_a.push_back(y);
    if (!in_a && in_b) only_b.push_back(y);
    if (!in_a && !in_b)
      out.left_out.push_back(fmt::format("{} (not in {} nor {})", y, a_name, b_name));
  }
  if (!only_a.empty())
    out.left_out.push_back(fmt::format("{} (not in {})", year_ranges(only_a), b_name));
  if (!only_b.empty())
    out.left_out.push_back(fmt::format("{} (not in {})", year_ranges(only_b), a_name));

  std::vector<std::string> metrics;  // in the order asked, each once
  for (const std::string& m : request.metrics.empty() ? default_metrics(a, b) : request.metrics)
    if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) metrics.push_back(m);
  for (const std::string& metric : metrics) {
    const int row_a = a.index_of(metric), row_b = b.index_of(metric);
    if (row_a < 0 || row_b < 0) {
      out.left_out.push_back(fmt::format("{} (not in {})", metric,
                                         row_a < 0 && row_b < 0 ? a_name + " nor " + b_name
                                         : row_a < 0            ? a_name
                                                                : b_name));
      continue;
    }
    for (const int y : shared)
      out.cells.push_back(PairedCell{
          metric, y, static_cast<std::size_t>(row_a), static_cast<std::size_t>(year_index(a, y)),
          static_cast<std::size_t>(row_b), static_cast<std::size_t>(year_index(b, y))});
  }
  return out;
}

}  // namespace spendcast::analysis
