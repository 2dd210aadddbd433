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

json estimate_json(const stats::Estimate& e) {
  return {{"value", nullable(e.value)}, {"se", nullable(e.se)}};
}

/// The members every method's JSON has: its format and `method`, what was analysed and the
/// run (`elapsed_s`: its wall-clock seconds).
json header_json(const SensitivityHeader& h, const char* method, double elapsed_s) {
  return {
      {"format", "spendcast-sensitivity/1"},
      {"method", method},
      {"scenario", h.scenario},
      {"origin", h.origin},
      {"data_source", h.data_source},
      {"metric", h.metric},
      {"year", h.year},
      {"run",
       {{"paths", h.paths}, {"seed", h.seed}, {"threads", h.threads}, {"elapsed_s", elapsed_s}}}};
}

std::string pinned_text(const SensitivityFactor& f, bool high, MetricUnit unit) {
  const double median = high ? f.high_median : f.low_median;
  const std::string at = f.is_event ? (high ? "fired" : "not")
                         // an event's time: a fractional year, to 1 decimal
                         : f.is_event_input && f.name.ends_with(".time")
                             ? fmt::format("{:.1f}", high ? f.high_value : f.low_value)
                             : format_number(high ? f.high_value : f.low_value);
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

constexpr double z95 = 1.959964;  ///< the normal quantile of a 95 % two-sided interval

/// "0.52 ± 0.02"; "n/a" when undefined.
std::string with_interval(const stats::Estimate& e) {
  if (std::isnan(e.value)) return "n/a";
  const std::string v = fmt::format("{:.2f}", e.value);
  return fmt::format("{} ± {:.2f}", v == "-0.00" ? "0.00" : v, z95 * e.se);
}

/// A bar out of 10 characters for a share x of the variance (clamped to [0, 1]).
std::string share_bar(double x) {
  return bar(std::clamp(x, 0.0, 1.0), 1.0);
}

/// Tidy long CSV of one report, header `scenario,metric,year,factor,statistic,value`; a
/// row whose value is undefined is left out.
class TidyCsv {
 public:
  TidyCsv(const std::string& scenario, const std::string& metric, int year)
      : prefix_(fmt::format("{},{},{}", report::csv_field(scenario), report::csv_field(metric),
                            year)) {}
  void add(const std::string& factor, const std::string& statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{}\n", prefix_, report::csv_field(factor), statistic,
                         report::csv_number(value));
  }
  std::string out = "scenario,metric,year,factor,statistic,value\n";

 private:
  std::string prefix_;
};

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
  // The remainder no factor explains, as a bar out of 10 for the whole variance.
  const double unexplained = 1.0 - r.r_squared;
  table.add_row(
      {"noise (1 − R²)", "", "", "", "", coefficient(unexplained), share_bar(unexplained)});
  out += table.render();
  out += fmt::format("\nR² of the rank regression: {}\n", format_number(r.r_squared));
  out += wrap_text(
      fmt::format(
          "rho: Spearman rank correlation with {}; SRRC: standardised regression "
          "coefficient on ranks; {} → median: the median of {} with the parameter "
          "pinned at its {:g} % quantile (events: on the paths where it had not fired), "
          "{} likewise (events: had fired); event.<name>.<input>: when the event first fired "
          "or an effect size drawn then, its medians over the fired paths with the input "
          "at most (at least) its quantile among them; swing: their difference; noise: the share "
          "of "
          "the variance of the ranks of {} that no factor explains, its bar out of 10",
          r.metric, low, r.metric, 100 * r.low_level, high, r.metric),
      "key: ");
  for (const std::string& note : r.notes) out += wrap_text(note, "note: ");
  out += fmt::format("method: rank-based, {} paths, seed {}, {} thread{}, {} runs, {:.2f} s\n",
                     r.paths, r.seed, r.threads, r.threads == 1 ? "" : "s",
                     1 + 2 * std::count_if(r.factors.begin(), r.factors.end(),
                                           [](const SensitivityFactor& f) {
                                             return !f.is_event && !f.is_event_input;
                                           }),
                     r.elapsed_s);
  return out;
}

nlohmann::json sensitivity_to_json(const SensitivityReport& r) {
  json factors = json::array();
  for (const SensitivityFactor& f : r.factors) {
    json j{{"name", f.name},
           {"kind", f.is_event         ? "event"
                    : f.is_event_input ? "event_input"
                                       : "parameter"},
           {"varies", f.varies},
           {"spearman", estimate_json(f.spearman)},
           {"srrc", estimate_json(f.srrc)},
           {"low", {{"value", nullable(f.low_value)}, {"median", nullable(f.low_median)}}},
           {"high", {{"value", nullable(f.high_value)}, {"median", nullable(f.high_median)}}},
           {"swing", nullable(f.swing)}};
    if (f.is_event || f.is_event_input) j["fired_paths"] = f.fired;
    if (!f.correlated_with.empty()) j["correlated_with"] = f.correlated_with;
    factors.push_back(std::move(j));
  }
  json j = header_json(r, "rank", r.elapsed_s);
  j["levels"] = json::array({r.low_level, r.high_level});
  j["median"] = nullable(r.median);
  j["r_squared"] = nullable(r.r_squared);
  j["unexplained"] = nullable(1.0 - r.r_squared);
  j["factors"] = std::move(factors);
  j["notes"] = r.notes;
  return j;
}

std::string sensitivity_to_csv(const SensitivityReport& r) {
  TidyCsv csv(r.scenario, r.metric, r.year);
  csv.add("", "median", r.median);
  csv.add("", "r_squared", r.r_squared);
  csv.add("", "unexplained", 1.0 - r.r_squared);
  for (const SensitivityFactor& f : r.factors) {
    csv.add(f.name, "spearman", f.spearman.value);
    csv.add(f.name, "spearman_se", f.spearman.se);
    csv.add(f.name, "srrc", f.srrc.value);
    csv.add(f.name, "srrc_se", f.srrc.se);
    csv.add(f.name, "low_value", f.low_value);
    csv.add(f.name, "low_median", f.low_median);
    csv.add(f.name, "high_value", f.high_value);
    csv.add(f.name, "high_median", f.high_median);
    csv.add(f.name, "swing", f.swing);
    if (f.is_event || f.is_event_input)
      csv.add(f.name, "fired_paths", static_cast<double>(f.fired));
  }
  return csv.out;
}

std::string sobol_table(const SobolReport& r) {
  const MetricUnit unit = metric_unit(r.metric);
  const std::string label = unit_label(unit);
  std::string out = fmt::format("What drives {}{} in {} ({}): mean {}, Sobol indices\n\n", r.metric,
                                label.empty() ? "" : " (" + label + ")", r.year, r.scenario,
                                format_metric(r.mean, unit));
  TextTable table({"factor", "first order", "", "total effect", ""});
  for (const SobolFactor& f : r.factors)
    table.add_row({f.name, with_interval(f.index.first), share_bar(f.index.first.value),
                   with_interval(f.index.total), share_bar(f.index.total.value)});
  out += table.render();
  out += fmt::format("\nsum of first-order indices: {} (1 − sum: the share in interactions)\n",
                     with_interval(r.first_sum));
  out += wrap_text(
      "first order: the share of the variance of " + r.metric +
          " that the factor explains alone; total effect: alone and with every other factor; "
          "± the half-width of a 95 % confidence interval (delta method); event.<name>: "
          "whether, when and how much the event fired; noise: the spend and share shocks of "
          "every step",
      "key: ");
  for (const std::string& note : r.notes) out += wrap_text(note, "note: ");
  out += wrap_text(
      fmt::format("Sobol, pick-freeze (first order: Saltelli 2010; total effect: Jansen), {} "
                  "paths × {} runs, seed {}, {} thread{}, {:.2f} s",
                  r.paths, r.runs, r.seed, r.threads, r.threads == 1 ? "" : "s", r.elapsed_s),
      "method: ");
  return out;
}

nlohmann::json sobol_to_json(const SobolReport& r) {
  json factors = json::array();
  for (const SobolFactor& f : r.factors) {
    json j{{"name", f.name},
           {"kind", f.kind},
           {"first_order", estimate_json(f.index.first)},
           {"total_effect", estimate_json(f.index.total)}};
    if (f.members.size() > 1) j["members"] = f.members;
    factors.push_back(std::move(j));
  }
  json j = header_json(r, "sobol", r.elapsed_s);
  j["run"]["runs"] = r.runs;
  j["mean"] = nullable(r.mean);
  j["variance"] = nullable(r.variance);
  j["first_order_sum"] = estimate_json(r.first_sum);
  j["factors"] = std::move(factors);
  j["notes"] = r.notes;
  return j;
}

std::string sobol_to_csv(const SobolReport& r) {
  TidyCsv csv(r.scenario, r.metric, r.year);
  csv.add("", "mean", r.mean);
  csv.add("", "variance", r.variance);
  csv.add("", "first_order_sum", r.first_sum.value);
  csv.add("", "first_order_sum_se", r.first_sum.se);
  for (const SobolFactor& f : r.factors) {
    csv.add(f.name, "first_order", f.index.first.value);
    csv.add(f.name, "first_order_se", f.index.first.se);
    csv.add(f.name, "total_effect", f.index.total.value);
    csv.add(f.name, "total_effect_se", f.index.total.se);
  }
  return csv.out;
}

}  // namespace spendcast::analysis
