#include "analysis/score_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"
#include "report/result_csv.hpp"
#include "report/summary_table.hpp"

namespace spendcast::analysis {

namespace {

using nlohmann::json;

json nullable(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}

/// A value with its unit: "$13.8B", "40%", "1.35"; `points` writes "pp" for fractions.
std::string with_unit(double x, MetricUnit unit, bool points = false) {
  const std::string text = format_metric(x, unit);
  if (std::isnan(x)) return text;
  switch (unit) {
    case MetricUnit::usd_bn:
      return "$" + text + "B";
    case MetricUnit::fraction:
      return text + (points ? "pp" : "%");
    case MetricUnit::number:
      break;
  }
  return text;
}

std::string yes_no(bool b) {
  return b ? "yes" : "no";
}

}  // namespace

std::string score_table(const ScoreReport& r) {
  std::string out =
      fmt::format("{} ({}, {} paths) against {} observation{}\n\n", r.scenario, r.result, r.paths,
                  r.scores.size(), r.scores.size() == 1 ? "" : "s");
  TextTable table({"#", "metric", "year", "value", "median [5%, 95%]", "PIT", "in 50%", "in 90%",
                   "CRPS", "log score"});
  std::string sources;
  for (std::size_t k = 0; k < r.scores.size(); ++k) {
    const ObservationScore& s = r.scores[k];
    const Observation& o = s.observation;
    const MetricUnit unit = metric_unit(o.metric);
    table.add_row({fmt::format("{}", k + 1), o.metric, fmt::format("{}", o.year),
                   with_unit(o.value, unit),
                   fmt::format("{} [{}, {}]", with_unit(s.median, unit),
                               format_metric(s.low90, unit), format_metric(s.high90, unit)),
                   fmt::format("{:.2f}", s.pit), yes_no(s.inside50), yes_no(s.inside90),
                   with_unit(s.crps, unit, true),
                   std::isfinite(s.log_score) ? fmt::format("{:.2f}", s.log_score) : "inf"});
    if (!o.source.empty()) sources += fmt::format("  [{}] {}\n", k + 1, o.source);
  }
  out += table.render();
  if (!sources.empty()) out += "\nsources:\n" + sources;
  const auto n = r.scores.size();
  out += '\n';
  out += wrap_text(
      fmt::format(
          "mean CRPS {:.4g} (each in its metric's units) · mean PIT {:.2f} · inside the 50% "
          "interval {} of {} ({}%) · inside the 90% interval {} of {} ({}%)",
          r.mean_crps, r.mean_pit, std::lround(r.coverage50 * static_cast<double>(n)), n,
          format_percent(r.coverage50), std::lround(r.coverage90 * static_cast<double>(n)), n,
          format_percent(r.coverage90)),
      "");
  out += wrap_text(
      fmt::format("mean log score {} (−ln density; lower is better){}",
                  std::isnan(r.mean_log_score) ? "n/a" : fmt::format("{:.3f}", r.mean_log_score),
                  r.infinite_log_scores
                      ? fmt::format("; {} value{} outside the forecast's support (infinite)",
                                    r.infinite_log_scores, r.infinite_log_scores == 1 ? "" : "s")
                      : ""),
      "");
  return out;
}

nlohmann::json score_to_json(const ScoreReport& r) {
  json observations = json::array();
  for (const ObservationScore& s : r.scores) {
    const Observation& o = s.observation;
    observations.push_back({{"metric", o.metric},
                            {"year", o.year},
                            {"value", o.value},
                            {"source", o.source},
                            {"where", o.where.to_string()},
                            {"crps", nullable(s.crps)},
                            {"pit", nullable(s.pit)},
                            {"median", nullable(s.median)},
                            {"interval_50", {nullable(s.low50), nullable(s.high50)}},
                            {"interval_90", {nullable(s.low90), nullable(s.high90)}},
                            {"inside_50", s.inside50},
                            {"inside_90", s.inside90},
                            {"density", s.density},
                            {"log_score", nullable(s.log_score)}});
  }
  return {{"format", "spendcast-score/1"},
          {"result", r.result},
          {"scenario", r.scenario},
          {"paths", r.paths},
          {"observations", observations},
          {"summary",
           {{"count", r.scores.size()},
            {"mean_crps", nullable(r.mean_crps)},
            {"mean_pit", nullable(r.mean_pit)},
            {"coverage_50", nullable(r.coverage50)},
            {"coverage_90", nullable(r.coverage90)},
            {"mean_log_score", nullable(r.mean_log_score)},
            {"infinite_log_scores", r.infinite_log_scores}}}};
}

std::string score_to_csv(const ScoreReport& r) {
  std::string out = "observation,metric,year,statistic,value\n";
  auto add = [&](const std::string& id, const std::string& metric, const std::string& year,
                 const char* statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{},{:.17g}\n", id, csv_field(metric), year, statistic, value);
  };
  for (std::size_t k = 0; k < r.scores.size(); ++k) {
    const ObservationScore& s = r.scores[k];
    const std::string id = fmt::format("{}", k + 1), year = fmt::format("{}", s.observation.year);
    const std::string& m = s.observation.metric;
    add(id, m, year, "value", s.observation.value);
    add(id, m, year, "crps", s.crps);
    add(id, m, year, "pit", s.pit);
    add(id, m, year, "median", s.median);
    add(id, m, year, "q0.25", s.low50);
    add(id, m, year, "q0.75", s.high50);
    add(id, m, year, "q0.05", s.low90);
    add(id, m, year, "q0.95", s.high90);
    add(id, m, year, "inside_50", s.inside50 ? 1 : 0);
    add(id, m, year, "inside_90", s.inside90 ? 1 : 0);
    add(id, m, year, "density", s.density);
    add(id, m, year, "log_score", s.log_score);
  }
  add("summary", "", "", "count", static_cast<double>(r.scores.size()));
  add("summary", "", "", "mean_crps", r.mean_crps);
  add("summary", "", "", "mean_pit", r.mean_pit);
  add("summary", "", "", "coverage_50", r.coverage50);
  add("summary", "", "", "coverage_90", r.coverage90);
  add("summary", "", "", "mean_log_score", r.mean_log_score);
  add("summary", "", "", "infinite_log_scores", static_cast<double>(r.infinite_log_scores));
  return out;
}

}  // namespace spendcast::analysis
