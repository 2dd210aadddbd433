#include "analysis/backtest_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/score_output.hpp"
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

/// "3 of 4 (75%)".
std::string coverage_text(double fraction, std::size_t count) {
  if (std::isnan(fraction)) return "n/a";
  return fmt::format("{} of {} ({}%)", std::lround(fraction * static_cast<double>(count)), count,
                     format_percent(fraction));
}

/// A summary row: label, n, mean CRPS (share points), mean log score, mean PIT, coverage.
std::vector<std::string> summary_cells(const std::string& label, const ScoreSummary& m) {
  const std::string logs =
      std::isnan(m.mean_log_score) ? "n/a" : fmt::format("{:.3f}", m.mean_log_score);
  return {label,
          fmt::format("{}", m.count),
          format_metric(m.mean_crps, MetricUnit::fraction) + "pp",
          logs + (m.infinite_log_scores ? fmt::format(" ({} inf)", m.infinite_log_scores) : ""),
          fmt::format("{:.2f}", m.mean_pit),
          coverage_text(m.coverage50, m.count),
          coverage_text(m.coverage90, m.count)};
}

json summary_json(const ScoreSummary& m) {
  return {{"count", m.count},
          {"mean_crps", nullable(m.mean_crps)},
          {"mean_log_score", nullable(m.mean_log_score)},
          {"mean_pit", nullable(m.mean_pit)},
          {"coverage_50", nullable(m.coverage50)},
          {"coverage_90", nullable(m.coverage90)},
          {"infinite_log_scores", m.infinite_log_scores}};
}

}  // namespace

std::string backtest_table(const BacktestReport& r) {
  std::string out = fmt::format(
      "backtest of {} ({} paths per origin, seed {}, the same at every origin): {} run{}, "
      "{} scored share{}\n",
      scenario::printable(r.scenario), r.paths, r.seed, r.origins.size(),
      r.origins.size() == 1 ? "" : "s", r.scores.size(), r.scores.size() == 1 ? "" : "s");
  std::string current;
  for (const auto& [reference, origin] : r.origins) {
    if (reference != current) {
      out +=
          fmt::format("{}{}: origins", current.empty() ? "" : "\n", scenario::printable(reference));
      current = reference;
    }
    out += fmt::format(" {}", origin);
  }
  out +=
      "\n\nby horizon (CRPS in share points; PIT and coverage: 0.50, 50% and 90% when "
      "calibrated)\n";
  const std::vector<std::string> headers = {"horizon",  "n",      "mean CRPS", "mean log score",
                                            "mean PIT", "in 50%", "in 90%"};
  TextTable horizons(headers);
  for (const auto& [h, m] : r.by_horizon)
    horizons.add_row(summary_cells(fmt::format("{} year{}", h, h == 1 ? "" : "s"), m));
  horizons.add_row(summary_cells("all", r.overall));
  out += horizons.render();
  out += "\nby market and vendor\n";
  std::vector<std::string> metric_headers = headers;
  metric_headers.front() = "share";
  TextTable metrics(metric_headers);
  for (const ScoreSummary& m : r.by_metric) metrics.add_row(summary_cells(m.metric, m));
  out += metrics.render();
  out += "\nPIT histogram (a calibrated forecast puts about 10% in each tenth)\n";
  TextTable pits({"PIT", "count", "share"});
  for (std::size_t k = 0; k < r.pit_histogram.size(); ++k) {
    const double n = static_cast<double>(r.overall.count);
    pits.add_row(
        {fmt::format("{:.1f}-{:.1f}", 0.1 * static_cast<double>(k),
                     0.1 * static_cast<double>(k + 1)),
         fmt::format("{}", r.pit_histogram[k]),
         n > 0 ? format_percent(static_cast<double>(r.pit_histogram[k]) / n) + "%" : "n/a"});
  }
  out += pits.render();
  return out;
}

nlohmann::json backtest_to_json(const BacktestReport& r) {
  json observations = json::array();
  for (const BacktestScore& b : r.scores) {
    json o = observation_score_to_json(b.score);
    o["reference"] = b.reference;
    o["origin"] = b.origin;
    o["horizon"] = b.horizon;
    observations.push_back(o);
  }
  json origins = json::array();
  for (const auto& [reference, origin] : r.origins)
    origins.push_back({{"reference", reference}, {"origin", origin}});
  json by_horizon = json::array();
  for (const auto& [h, m] : r.by_horizon) {
    json j = summary_json(m);
    j["horizon"] = h;
    by_horizon.push_back(j);
  }
  json by_metric = json::array();
  for (const ScoreSummary& m : r.by_metric) {
    json j = summary_json(m);
    j["metric"] = m.metric;
    by_metric.push_back(j);
  }
  return {{"format", "spendcast-backtest/1"},
          {"scenario", r.scenario},
          {"references", r.references},
          {"paths", r.paths},
          {"seed", r.seed},
          {"origins", origins},
          {"observations", observations},
          {"by_horizon", by_horizon},
          {"by_metric", by_metric},
          {"summary", summary_json(r.overall)},
          {"pit_histogram", r.pit_histogram}};
}

std::string backtest_to_csv(const BacktestReport& r) {
  std::string out = "reference,origin,horizon,metric,year,statistic,value\n";
  auto add = [&](const std::string& reference, const std::string& origin,
                 const std::string& horizon, const std::string& metric, const std::string& year,
                 const char* statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(reference), origin, horizon,
                         csv_field(metric), year, statistic, csv_number(value));
  };
  for (const BacktestScore& b : r.scores) {
    const ObservationScore& s = b.score;
    const std::string o = fmt::format("{}", b.origin), h = fmt::format("{}", b.horizon),
                      y = fmt::format("{}", s.observation.year);
    const std::string& m = s.observation.metric;
    add(b.reference, o, h, m, y, "value", s.observation.value);
    add(b.reference, o, h, m, y, "crps", s.crps);
    add(b.reference, o, h, m, y, "pit", s.pit);
    add(b.reference, o, h, m, y, "median", s.median);
    add(b.reference, o, h, m, y, "q0.25", s.low50);
    add(b.reference, o, h, m, y, "q0.75", s.high50);
    add(b.reference, o, h, m, y, "q0.05", s.low90);
    add(b.reference, o, h, m, y, "q0.95", s.high90);
    add(b.reference, o, h, m, y, "inside_50", s.inside50 ? 1 : 0);
    add(b.reference, o, h, m, y, "inside_90", s.inside90 ? 1 : 0);
    add(b.reference, o, h, m, y, "log_score", s.log_score);
  }
  auto add_summary = [&](const std::string& metric, const ScoreSummary& m) {
    add("summary", "", "", metric, "", "count", static_cast<double>(m.count));
    add("summary", "", "", metric, "", "mean_crps", m.mean_crps);
    add("summary", "", "", metric, "", "mean_log_score", m.mean_log_score);
    add("summary", "", "", metric, "", "mean_pit", m.mean_pit);
    add("summary", "", "", metric, "", "coverage_50", m.coverage50);
    add("summary", "", "", metric, "", "coverage_90", m.coverage90);
    add("summary", "", "", metric, "", "infinite_log_scores",
        static_cast<double>(m.infinite_log_scores));
  };
  for (const auto& [h, m] : r.by_horizon) add_summary(fmt::format("horizon {}", h), m);
  for (const ScoreSummary& m : r.by_metric) add_summary(m.metric, m);
  add_summary("all", r.overall);
  return out;
}

}  // namespace spendcast::analysis
