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
                     report::format_percent(fraction));
}

/// A summary row: label, n, mean CRPS (share points for shares, else in the metric's
/// unit), mean log score, mean PIT, coverage.
std::vector<std::string> summary_cells(const std::string& label, const ScoreSummary& m,
                                       MetricUnit unit = MetricUnit::fraction) {
  const std::string logs =
      std::isnan(m.mean_log_score) ? "n/a" : fmt::format("{:.3f}", m.mean_log_score);
  return {label,
          fmt::format("{}", m.count),
          format_metric(m.mean_crps, unit) + (unit == MetricUnit::fraction ? "pp" : ""),
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

/// "1 year", "2 years".
std::string horizon_label(int h) {
  return fmt::format("{} year{}", h, h == 1 ? "" : "s");
}

/// "a, b and c".
std::string names_text(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k)
    out += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + scenario::printable(names[k]);
  return out;
}

/// The spend part of the table: by market and horizon, the markets' PIT histogram, and the
/// markets not scored; one line when none is.
std::string spend_table(const BacktestSpend& s) {
  if (s.scores.empty())
    return "\n" + wrap_text(fmt::format("(no spend observed after an origin in {})",
                                        names_text(s.not_scored)),
                            "spend: not scored ");
  std::string out = fmt::format(
      "\nspend: {} scored spend{} (CRPS in the data's unit; per market, never "
      "pooled with the shares)\n",
      s.scores.size(), s.scores.size() == 1 ? "" : "s");
  TextTable table(
      {"market", "horizon", "n", "mean CRPS", "mean log score", "mean PIT", "in 50%", "in 90%"});
  auto add = [&](const std::string& market, const std::string& label, const ScoreSummary& m) {
    std::vector<std::string> cells = summary_cells(label, m, MetricUnit::usd_bn);
    cells.insert(cells.begin(), scenario::printable(market));
    table.add_row(cells);
  };
  std::size_t h = 0;
  for (const ScoreSummary& m : s.by_reference) {
    const std::string market = m.metric.substr(0, m.metric.size() - std::string("/spend").size());
    for (; h < s.by_horizon.size() && s.by_horizon[h].second.metric == m.metric; ++h)
      add(market, horizon_label(s.by_horizon[h].first), s.by_horizon[h].second);
    add(market, "all", m);
  }
  out += table.render();
  out += "PIT histogram of spend, tenths 0.0-0.1 … 0.9-1.0:";
  for (const std::size_t count : s.pit_histogram) out += fmt::format(" {}", count);
  out += "\n";
  if (!s.not_scored.empty())
    out += wrap_text(names_text(s.not_scored), "spend not scored (none after an origin): ");
  return out;
}

/// Backtest scores as JSON observations: each with `reference`, `origin` and `horizon`.
json observations_json(const std::vector<BacktestScore>& scores) {
  json observations = json::array();
  for (const BacktestScore& b : scores) {
    json o = observation_score_to_json(b.score);
    o["reference"] = b.reference;
    o["origin"] = b.origin;
    o["horizon"] = b.horizon;
    observations.push_back(o);
  }
  return observations;
}

/// Summaries as JSON, each with its "metric".
json metric_summaries_json(const std::vector<ScoreSummary>& summaries) {
  json out = json::array();
  for (const ScoreSummary& m : summaries) {
    json j = summary_json(m);
    j["metric"] = m.metric;
    out.push_back(j);
  }
  return out;
}

/// Summaries by horizon as JSON, each with its "horizon" (and its "metric" when
/// `with_metric`).
json horizon_summaries_json(const std::vector<std::pair<int, ScoreSummary>>& summaries,
                            bool with_metric) {
  json out = json::array();
  for (const auto& [h, m] : summaries) {
    json j = summary_json(m);
    if (with_metric) j["metric"] = m.metric;
    j["horizon"] = h;
    out.push_back(j);
  }
  return out;
}

/// The spend section of the JSON.
json spend_json(const BacktestSpend& s) {
  return {{"metric", "spend"},
          {"observations", observations_json(s.scores)},
          {"by_horizon", horizon_summaries_json(s.by_horizon, true)},
          {"by_reference", metric_summaries_json(s.by_reference)},
          {"pit_histogram", s.pit_histogram},
          {"not_scored", s.not_scored}};
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
  for (const auto& [h, m] : r.by_horizon) horizons.add_row(summary_cells(horizon_label(h), m));
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
    pits.add_row({fmt::format("{:.1f}-{:.1f}", 0.1 * static_cast<double>(k),
                              0.1 * static_cast<double>(k + 1)),
                  fmt::format("{}", r.pit_histogram[k]),
                  n > 0 ? report::format_percent(static_cast<double>(r.pit_histogram[k]) / n) + "%"
                        : "n/a"});
  }
  out += pits.render();
  out += spend_table(r.spend);
  return out;
}

nlohmann::json backtest_to_json(const BacktestReport& r) {
  const json observations = observations_json(r.scores);
  json origins = json::array();
  for (const auto& [reference, origin] : r.origins)
    origins.push_back({{"reference", reference}, {"origin", origin}});
  json out = {{"format", "spendcast-backtest/1"},
              {"scenario", r.scenario},
              {"references", r.references},
              {"paths", r.paths},
              {"seed", r.seed},
              {"origins", origins},
              {"observations", observations},
              {"by_horizon", horizon_summaries_json(r.by_horizon, false)},
              {"by_metric", metric_summaries_json(r.by_metric)},
              {"summary", summary_json(r.overall)},
              {"pit_histogram", r.pit_histogram}};
  if (!r.spend.scores.empty()) out["spend"] = spend_json(r.spend);
  return out;
}

std::string backtest_to_csv(const BacktestReport& r) {
  std::string out = "reference,origin,horizon,metric,year,statistic,value\n";
  auto add = [&](const std::string& reference, const std::string& origin,
                 const std::string& horizon, const std::string& metric, const std::string& year,
                 const char* statistic, double value) {
    if (!std::isnan(value))
      out += fmt::format("{},{},{},{},{},{},{}\n", report::csv_field(reference), origin, horizon,
                         report::csv_field(metric), year, statistic, report::csv_number(value));
  };
  auto add_scores = [&](const std::vector<BacktestScore>& scores) {
    for (const BacktestScore& b : scores) {
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
  };
  auto add_summary = [&](const std::string& metric, const ScoreSummary& m,
                         const std::string& horizon = "") {
    add("summary", "", horizon, metric, "", "count", static_cast<double>(m.count));
    add("summary", "", horizon, metric, "", "mean_crps", m.mean_crps);
    add("summary", "", horizon, metric, "", "mean_log_score", m.mean_log_score);
    add("summary", "", horizon, metric, "", "mean_pit", m.mean_pit);
    add("summary", "", horizon, metric, "", "coverage_50", m.coverage50);
    add("summary", "", horizon, metric, "", "coverage_90", m.coverage90);
    add("summary", "", horizon, metric, "", "infinite_log_scores",
        static_cast<double>(m.infinite_log_scores));
  };
  add_scores(r.scores);
  for (const auto& [h, m] : r.by_horizon) add_summary(fmt::format("horizon {}", h), m);
  for (const ScoreSummary& m : r.by_metric) add_summary(m.metric, m);
  add_summary("all", r.overall);
  // Spend after every share row: its observations (metric "spend"), then its summaries per
  // market ("REFERENCE/spend"), by horizon (in the horizon column) and over every horizon.
  add_scores(r.spend.scores);
  for (const auto& [h, m] : r.spend.by_horizon) add_summary(m.metric, m, fmt::format("{}", h));
  for (const ScoreSummary& m : r.spend.by_reference) add_summary(m.metric, m);
  return out;
}

}  // namespace spendcast::analysis
