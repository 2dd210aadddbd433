#include "analysis/score_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"
#include "report/result_csv.hpp"
#include "report/summary_table.hpp"
#include "scenario/render.hpp"

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

/// "3 of 4 (75%)": how many of `count` values a fraction of them is.
std::string coverage_text(double fraction, std::size_t count) {
  if (std::isnan(fraction)) return "n/a";
  return fmt::format("{} of {} ({}%)", std::lround(fraction * static_cast<double>(count)), count,
                     report::format_percent(fraction));
}

std::string yes_no(bool b) {
  return b ? "yes" : "no";
}

}  // namespace

std::string score_table(const ScoreReport& r) {
  std::string out = fmt::format("{} ({}, {} paths) against {} observation{}\n\n",
                                scenario::printable(r.scenario), scenario::printable(r.result),
                                r.paths, r.scores.size(), r.scores.size() == 1 ? "" : "s");
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
    if (!o.source.empty())
      sources += fmt::format("  [{}] {}\n", k + 1, scenario::printable(o.source));
  }
  out += table.render();
  if (!sources.empty()) out += "\nsources:\n" + sources;
  out += "\nsummary (CRPS and log score per metric, in its units; PIT and coverage unit-free)\n";
  TextTable summary({"metric", "n", "mean CRPS", "mean log score", "mean PIT", "in 50%", "in 90%"});
  auto add_summary = [&](const ScoreSummary& m) {
    const MetricUnit unit = metric_unit(m.metric);
    const std::string logs =
        std::isnan(m.mean_log_score) ? "n/a" : fmt::format("{:.3f}", m.mean_log_score);
    summary.add_row(
        {m.metric.empty() ? "all" : m.metric, fmt::format("{}", m.count),
         m.metric.empty() ? "-" : with_unit(m.mean_crps, unit, true),
         m.metric.empty()
             ? "-"
             : logs +
                   (m.infinite_log_scores ? fmt::format(" ({} inf)", m.infinite_log_scores) : ""),
         fmt::format("{:.2f}", m.mean_pit), coverage_text(m.coverage50, m.count),
         coverage_text(m.coverage90, m.count)});
  };
  for (const ScoreSummary& m : r.by_metric) add_summary(m);
  if (r.by_metric.size() > 1) add_summary(r.overall);
  out += summary.render();
  const std::size_t outside = r.overall.infinite_log_scores;
  if (outside)
    out += fmt::format(
        "{} value{} outside the forecast's support (log score infinite, left out "
        "of the means)\n",
        outside, outside == 1 ? "" : "s");
  return out;
}

namespace {

json summary_json(const ScoreSummary& m) {
  json j = {{"count", m.count},
            {"mean_pit", nullable(m.mean_pit)},
            {"coverage_50", nullable(m.coverage50)},
            {"coverage_90", nullable(m.coverage90)},
            {"infinite_log_scores", m.infinite_log_scores}};
  if (!m.metric.empty()) {
    j["metric"] = m.metric;
    j["mean_crps"] = nullable(m.mean_crps);
    j["mean_log_score"] = nullable(m.mean_log_score);
  }
  return j;
}

}  // namespace

nlohmann::json observation_score_to_json(const ObservationScore& s) {
  const Observation& o = s.observation;
  return {{"metric", o.metric},
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
          {"log_score", nullable(s.log_score)}};
}

nlohmann::json score_to_json(const ScoreReport& r) {
  json observations = json::array();
  for (const ObservationScore& s : r.scores) observations.push_back(observation_score_to_json(s));
  json by_metric = json::array();
  for (const ScoreSummary& m : r.by_metric) by_metric.push_back(summary_json(m));
  return {{"format", "spendcast-score/2"}, {"result", r.result},
          {"scenario", r.scenario},        {"paths", r.paths},
          {"observations", observations},  {"summary", summary_json(r.overall)},
          {"by_metric", by_metric}};
}

std::string score_to_csv(const ScoreReport& r) {
  std::string out = "observation,metric,year,statistic,value\n";
  auto add = [&](const std::string& id, const std::string& metric, const std::string& year,
                 const char* statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{},{}\n", id, report::csv_field(metric), year, statistic,
                         report::csv_number(value));
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
  auto add_summary = [&](const ScoreSummary& m) {
    add("summary", m.metric, "", "count", static_cast<double>(m.count));
    if (!m.metric.empty()) {
      add("summary", m.metric, "", "mean_crps", m.mean_crps);
      add("summary", m.metric, "", "mean_log_score", m.mean_log_score);
    }
    add("summary", m.metric, "", "mean_pit", m.mean_pit);
    add("summary", m.metric, "", "coverage_50", m.coverage50);
    add("summary", m.metric, "", "coverage_90", m.coverage90);
    add("summary", m.metric, "", "infinite_log_scores", static_cast<double>(m.infinite_log_scores));
  };
  for (const ScoreSummary& m : r.by_metric) add_summary(m);
  add_summary(r.overall);
  return out;
}

}  // namespace spendcast::analysis
