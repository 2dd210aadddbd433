#include "analysis/sensitivity_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"
#include "report/result_csv.hpp"

namespace spendcast::analysis {

namespace {

using nlohmann::json;

constexpr std::size_t bar_width = 10;

json nullable(double x) {
  return std::isnan(x) ? json(nullptr) : json(x);
}

json estimate_json(const Estimate& e) {
  return {{"value", nullable(e.value)}, {"se", nullable(e.se)}};
}

std::string pinned_text(const SensitivityFactor& f, bool high, MetricUnit unit) {
  const double median = high ? f.high_median : f.low_median;
  const std::string at =
      f.is_event ? (high ? "fired" : "not") : format_number(high ? f.high_value : f.low_value);
  return fmt::format("{} → {}", at, format_metric(median, unit));
}

std::string bar(double swing, double largest) {
  if (std::isnan(swing) || !(largest > 0)) return "";
  const auto n = static_cast<std::size_t>(
      std::lround(static_cast<double>(bar_width) * std::fabs(swing) / largest));
  return std::string(std::max<std::size_t>(n, swing != 0 ? 1 : 0), '#');
}

/// A correlation or coefficient with 2 decimals ("0.51", "-0.21"); "n/a" for NaN.
std::string coefficient(double x) {
  if (std::isnan(x)) return "n/a";
  const std::string s = fmt::format("{:.2f}", x);
  return s == "-0.00" ? "0.00" : s;
}

}  // namespace

std::string sensitivity_table(const SensitivityReport& r) {
  const MetricUnit unit = metric_unit(r.metric);
  const std::string label = unit_label(unit);
  std::string out = fmt::format("What drives {}{} in {} ({}): median {}\n\n", r.metric,
                                label.empty() ? "" : " (" + label + ")", r.year, r.scenario,
                                format_metric(r.median, unit));
  double largest = 0;
  for (const SensitivityFactor& f : r.factors)
    if (!std::isnan(f.swing)) largest = std::max(largest, std::fabs(f.swing));
  const std::string low = fmt::format("p{:g}", 100 * r.low_level);
  const std::string high = fmt::format("p{:g}", 100 * r.high_level);
  TextTable table({"factor", "rho", "SRRC", low + " → median", high + " → median", "swing", ""});
  for (const SensitivityFactor& f : r.factors)
    table.add_row({f.name, coefficient(f.spearman.value), coefficient(f.srrc.value),
                   pinned_text(f, false, unit), pinned_text(f, true, unit),
                   format_signed(f.swing, unit), bar(f.swing, largest)});
  out += table.render();
  out += fmt::format("\nR² of the rank regression: {}\n", format_number(r.r_squared));
  out += wrap_text(
      fmt::format("rho: Spearman rank correlation with {}; SRRC: standardised regression "
                  "coefficient on ranks; {} → median: the median of {} with the parameter "
                  "pinned at its {:g} % quantile (events: on the paths where it had not fired), "
                  "{} likewise (events: had fired); swing: their difference",
                  r.metric, low, r.metric, 100 * r.low_level, high),
      "key: ");
  for (const std::string& note : r.notes) out += wrap_text(note, "note: ");
  out += fmt::format("{} paths, seed {}, {} thread{}, {} runs, {:.2f} s\n", r.paths, r.seed,
                     r.threads, r.threads == 1 ? "" : "s",
                     1 + 2 * std::count_if(r.factors.begin(), r.factors.end(),
                                           [](const SensitivityFactor& f) { return !f.is_event; }),
                     r.elapsed_s);
  return out;
}

nlohmann::json sensitivity_to_json(const SensitivityReport& r) {
  json factors = json::array();
  for (const SensitivityFactor& f : r.factors) {
    json j{{"name", f.name},
           {"kind", f.is_event ? "event" : "parameter"},
           {"varies", f.varies},
           {"spearman", estimate_json(f.spearman)},
           {"srrc", estimate_json(f.srrc)},
           {"low", {{"value", f.low_value}, {"median", nullable(f.low_median)}}},
           {"high", {{"value", f.high_value}, {"median", nullable(f.high_median)}}},
           {"swing", nullable(f.swing)}};
    if (f.is_event) j["fired_paths"] = f.fired;
    if (!f.correlated_with.empty()) j["correlated_with"] = f.correlated_with;
    factors.push_back(std::move(j));
  }
  return {
      {"format", "spendcast-sensitivity/1"},
      {"scenario", r.scenario},
      {"origin", r.origin},
      {"data_source", r.data_source},
      {"metric", r.metric},
      {"year", r.year},
      {"run",
       {{"paths", r.paths}, {"seed", r.seed}, {"threads", r.threads}, {"elapsed_s", r.elapsed_s}}},
      {"levels", {r.low_level, r.high_level}},
      {"median", nullable(r.median)},
      {"r_squared", nullable(r.r_squared)},
      {"factors", factors},
      {"notes", r.notes}};
}

std::string sensitivity_to_csv(const SensitivityReport& r) {
  std::string out = "scenario,metric,year,factor,statistic,value\n";
  const std::string prefix =
      fmt::format("{},{},{}", csv_field(r.scenario), csv_field(r.metric), r.year);
  auto add = [&](const std::string& factor, const std::string& statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{}\n", prefix, csv_field(factor), statistic, csv_number(value));
  };
  add("", "median", r.median);
  add("", "r_squared", r.r_squared);
  for (const SensitivityFactor& f : r.factors) {
    add(f.name, "spearman", f.spearman.value);
    add(f.name, "spearman_se", f.spearman.se);
    add(f.name, "srrc", f.srrc.value);
    add(f.name, "srrc_se", f.srrc.se);
    add(f.name, "low_value", f.low_value);
    add(f.name, "low_median", f.low_median);
    add(f.name, "high_value", f.high_value);
    add(f.name, "high_median", f.high_median);
    add(f.name, "swing", f.swing);
    if (f.is_event) add(f.name, "fired_paths", static_cast<double>(f.fired));
  }
  return out;
}

}  // namespace spendcast::analysis
