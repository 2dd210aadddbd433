#include "analysis/comparison_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"
#include "report/result_csv.hpp"
#include "scenario/render.hpp"

namespace spendcast::analysis {

namespace {

using nlohmann::json;

std::string comparison_name(const ComparisonReport& r, const Comparison& c) {
  return r.inputs[c.b].label + " vs " + r.inputs[c.a].label;
}

std::string interval_text(const Interval& i, MetricUnit unit) {
  return fmt::format("{} [{}, {}]", format_metric(i.median, unit), format_metric(i.low, unit),
                     format_metric(i.high, unit));
}

std::string signed_interval_text(const Interval& i, MetricUnit unit) {
  return fmt::format("{} [{}, {}]", format_signed(i.median, unit), format_signed(i.low, unit),
                     format_signed(i.high, unit));
}

/// The cells of one metric, consecutive in `cells` from `first`; returns the end.
std::size_t metric_end(const std::vector<CellComparison>& cells, std::size_t first) {
  std::size_t last = first;
  while (last < cells.size() && cells[last].metric == cells[first].metric) ++last;
  return last;
}

std::string metric_title(const std::string& metric, bool paired) {
  const MetricUnit unit = metric_unit(metric);
  const std::string label = unit_label(unit);
  std::string title = label.empty() ? metric : fmt::format("{}, {}", metric, label);
  title += ": median [5%, 95%]";
  if (paired)
    title += unit == MetricUnit::fraction ? "; B - A per path and W1 in points; P(B > A) in %"
                                          : "; B - A per path; P(B > A) in %";
  else
    title += unit == MetricUnit::fraction ? "; W1 in points; P(B > A) in %, unpaired"
                                          : "; P(B > A) in %, unpaired";
  return title;
}

/// "2026, 2027 and 2030" (years in increasing order).
std::string year_list(const std::vector<int>& years) {
  std::string out;
  for (std::size_t k = 0; k < years.size(); ++k)
    out += fmt::format("{}{}", k == 0 ? "" : k + 1 == years.size() ? " and " : ", ", years[k]);
  return out;
}

/// Why a paired probability reads 100 ± 0 or 0 ± 0: on every one of the paths, B is
/// above A, below it, or equal to it. Paired paths share their random numbers, so such a
/// result is a property of the two scenarios (B's assumptions move every path the same
/// way), not a sampling accident; its standard error is 0 for that reason.
std::vector<std::string> certainty_notes(const std::vector<CellComparison>& cells,
                                         std::size_t first, std::size_t last, std::uint64_t paths) {
  std::vector<int> above, below, equal;
  for (std::size_t k = first; k < last; ++k) {
    if (!cells[k].paired) continue;
    const PairedStatistics& p = *cells[k].paired;
    if (p.greater.value == 1) above.push_back(cells[k].year);
    if (p.less.value == 1) below.push_back(cells[k].year);
    if (p.equal.value == 1) equal.push_back(cells[k].year);
  }
  std::vector<std::string> notes;
  const std::string every = fmt::format("on every one of the {} paired paths", paths);
  if (!above.empty())
    notes.push_back(
        fmt::format("in {}, B is above A {} (same random numbers, so B's "
                    "assumptions raise every path: certain, not a sampling accident)",
                    year_list(above), every));
  if (!below.empty())
    notes.push_back(
        fmt::format("in {}, B is below A {} (same random numbers, so B's "
                    "assumptions lower every path: certain, not a sampling accident)",
                    year_list(below), every));
  if (!equal.empty())
    notes.push_back(fmt::format("in {}, B equals A {}: the scenarios do not differ in {}",
                                year_list(equal), every, cells[first].metric));
  return notes;
}

void metric_table(std::string& out, const ComparisonReport& r, const Comparison& c,
                  std::size_t first, std::size_t last) {
  const std::vector<CellComparison>& cells = c.cells;
  const MetricUnit unit = metric_unit(cells[first].metric);
  std::vector<std::string> headers{"year", scenario::printable(r.inputs[c.a].label),
                                   scenario::printable(r.inputs[c.b].label)};
  bool ties = false;
  for (std::size_t k = first; k < last; ++k)
    ties = ties || (cells[k].paired && cells[k].paired->equal.value > 0);
  if (r.paired) {
    headers.insert(headers.end(), {"B - A", "B / A", "P(B > A)"});
    if (ties) headers.push_back("P(B = A)");
  } else {
    headers.push_back("P(B > A) unpaired");
  }
  headers.insert(headers.end(), {"KS", "W1"});
  TextTable table(headers);
  for (std::size_t k = first; k < last; ++k) {
    const CellComparison& cell = cells[k];
    std::vector<std::string> row{fmt::format("{}", cell.year), interval_text(cell.a, unit),
                                 interval_text(cell.b, unit)};
    if (cell.paired) {
      const PairedStatistics& p = *cell.paired;
      row.push_back(signed_interval_text(p.difference, unit));
      row.push_back(format_number(p.ratio.median));
      row.push_back(format_probability(p.greater.value, p.greater.se));
      if (ties) row.push_back(format_probability(p.equal.value, p.equal.se));
    } else {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      const stats::Estimate e = cell.greater_unpaired.value_or(stats::Estimate{nan, nan});
      row.push_back(format_probability(e.value, e.se));
    }
    row.push_back(format_number(cell.ks));
    row.push_back(format_metric(cell.w1, unit));
    table.add_row(std::move(row));
  }
  out += metric_title(cells[first].metric, r.paired) + "\n" + table.render();
  for (const std::string& note : certainty_notes(cells, first, last, r.paths))
    out += wrap_text(note, "note: ");
}

json nullable(double x) {
  return std::isnan(x) ? json(nullptr) : json(x);
}

json interval_json(const Interval& i) {
  return {{"median", nullable(i.median)}, {"p5", nullable(i.low)}, {"p95", nullable(i.high)}};
}

json estimate_json(const stats::Estimate& e) {
  return {{"p", nullable(e.value)}, {"se", nullable(e.se)}};
}

json cell_json(const CellComparison& c) {
  json j{{"a", interval_json(c.a)},
         {"b", interval_json(c.b)},
         {"ks", nullable(c.ks)},
         {"w1", nullable(c.w1)}};
  if (c.paired) {
    const PairedStatistics& p = *c.paired;
    json d = interval_json(p.difference);
    d["mean"] = nullable(p.mean_difference.value);
    d["mean_se"] = nullable(p.mean_difference.se);
    json ratio = interval_json(p.ratio);
    ratio["undefined_paths"] = p.ratio_undefined;
    j["difference"] = d;
    j["ratio"] = ratio;
    j["p_greater"] = estimate_json(p.greater);
    j["p_less"] = estimate_json(p.less);
    j["p_equal"] = estimate_json(p.equal);
  }
  if (c.greater_unpaired) j["p_greater_unpaired"] = estimate_json(*c.greater_unpaired);
  return j;
}

/// CSV rows of one comparison.
class CsvRows {
 public:
  void add(const std::string& comparison, const CellComparison& c, const std::string& statistic,
           double value) {
    if (std::isnan(value)) return;
    text_ += fmt::format("{},{},{},{},{}\n", report::csv_field(comparison),
                         report::csv_field(c.metric), c.year, statistic, report::csv_number(value));
  }
  void add_interval(const std::string& comparison, const CellComparison& c,
                    const std::string& prefix, const Interval& i) {
    add(comparison, c, prefix + "_median", i.median);
    add(comparison, c, prefix + "_p5", i.low);
    add(comparison, c, prefix + "_p95", i.high);
  }
  void add_estimate(const std::string& comparison, const CellComparison& c, const std::string& name,
                    const stats::Estimate& e) {
    add(comparison, c, name, e.value);
    add(comparison, c, name + "_se", e.se);
  }
  std::string take() { return std::move(text_); }

 private:
  std::string text_ = "comparison,metric,year,statistic,value\n";
};

}  // namespace

std::string comparison_table(const ComparisonReport& r) {
  std::string out;
  for (const Comparison& c : r.comparisons) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{} ({}){}\n", scenario::printable(comparison_name(r, c)),
                       r.paired ? "paired" : "unpaired",
                       c.cells.empty() ? ": nothing in common to compare" : "");
    for (std::size_t first = 0; first < c.cells.size();) {
      const std::size_t last = metric_end(c.cells, first);
      out += '\n';
      metric_table(out, r, c, first, last);
      first = last;
    }
    if (!c.left_out.empty()) {
      std::string list;
      for (std::size_t k = 0; k < c.left_out.size(); ++k) list += (k ? "; " : "") + c.left_out[k];
      out += '\n' + wrap_text(list, "left out: ");
    }
  }
  out += '\n';
  for (const std::string& note : r.notes) out += wrap_text(note, "note: ");
  if (r.paired)
    out += fmt::format("{} paths × {} scenarios, seed {}, {} thread{}, {:.2f} s\n", r.paths,
                       r.inputs.size(), r.seed, r.threads, r.threads == 1 ? "" : "s", r.elapsed_s);
  return out;
}

nlohmann::json comparison_to_json(const ComparisonReport& r) {
  json inputs = json::array();
  for (const ComparedInput& in : r.inputs)
    inputs.push_back({{"label", in.label},
                      {"title", in.title},
                      {"origin", in.origin},
                      {"paths", in.paths},
                      {"seed", in.seed},
                      {"data_source", in.data_source}});
  json comparisons = json::array();
  for (const Comparison& c : r.comparisons) {
    json metrics = json::object();
    for (const CellComparison& cell : c.cells)
      metrics[cell.metric][fmt::format("{}", cell.year)] = cell_json(cell);
    comparisons.push_back({{"a", r.inputs[c.a].label},
                           {"b", r.inputs[c.b].label},
                           {"metrics", metrics},
                           {"left_out", c.left_out}});
  }
  json j{{"format", "spendcast-comparison/1"},
         {"paired", r.paired},
         {"inputs", inputs},
         {"comparisons", comparisons},
         {"notes", r.notes}};
  if (r.paired)
    j["run"] = {
        {"paths", r.paths}, {"seed", r.seed}, {"threads", r.threads}, {"elapsed_s", r.elapsed_s}};
  return j;
}

std::string comparison_to_csv(const ComparisonReport& r) {
  CsvRows rows;
  for (const Comparison& c : r.comparisons) {
    const std::string name = comparison_name(r, c);
    for (const CellComparison& cell : c.cells) {
      rows.add_interval(name, cell, "a", cell.a);
      rows.add_interval(name, cell, "b", cell.b);
      rows.add(name, cell, "ks", cell.ks);
      rows.add(name, cell, "w1", cell.w1);
      if (cell.paired) {
        const PairedStatistics& p = *cell.paired;
        rows.add_interval(name, cell, "diff", p.difference);
        rows.add_estimate(name, cell, "diff_mean", p.mean_difference);
        rows.add_interval(name, cell, "ratio", p.ratio);
        rows.add(name, cell, "ratio_undefined_paths", static_cast<double>(p.ratio_undefined));
        rows.add_estimate(name, cell, "p_greater", p.greater);
        rows.add_estimate(name, cell, "p_less", p.less);
        rows.add_estimate(name, cell, "p_equal", p.equal);
      }
      if (cell.greater_unpaired)
        rows.add_estimate(name, cell, "p_greater_unpaired", *cell.greater_unpaired);
    }
  }
  return rows.take();
}

}  // namespace spendcast::analysis
