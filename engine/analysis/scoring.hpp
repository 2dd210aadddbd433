#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/observations.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::analysis {

/// How well the forecast of one metric in one year did against one observation.
struct ObservationScore {
  Observation observation;
  double crps = 0.0;  ///< continuous ranked probability score, metric units (lower is better)
  double pit = 0.0;   ///< probability integral transform F(value): fraction of paths <= value
  double median = 0.0;
  double low50 = 0.0, high50 = 0.0;  ///< central 50 % interval [25 %, 75 %]
  double low90 = 0.0, high90 = 0.0;  ///< central 90 % interval [5 %, 95 %]
  bool inside50 = false;             ///< low50 <= value <= high50
  bool inside90 = false;             ///< low90 <= value <= high90
  double density = 0.0;  ///< the sketch's histogram density at the value (0 outside the support)
  /// −ln density (lower is better); +inf outside the support.
  double log_score = 0.0;
};

/// Averages over a set of observation scores. CRPS and log scores carry their metric's
/// units, so they are averaged per metric only; PIT and coverage are unit-free.
struct ScoreSummary {
  std::string metric;       ///< the metric; "" for the summary over all observations
  std::size_t count = 0;    ///< observations in it
  double mean_crps = 0.0;   ///< in the metric's units; NaN in the all-metrics summary
  double coverage50 = 0.0;  ///< fraction of the values inside their 50 % interval
  double coverage90 = 0.0;  ///< same for 90 %
  double mean_pit = 0.0;
  double mean_log_score = 0.0;          ///< over the finite log scores (NaN when none, or all)
  std::size_t infinite_log_scores = 0;  ///< values outside their forecast's support
};

/// The scores of every observation and their summaries.
struct ScoreReport {
  std::string result;    ///< the result file scored
  std::string scenario;  ///< its scenario's name
  std::uint64_t paths = 0;
  std::vector<ObservationScore> scores;  ///< in the file's order
  std::vector<ScoreSummary> by_metric;   ///< one per metric, in order of first appearance
  ScoreSummary overall;                  ///< all observations: count, PIT and coverage only
};

/// Averages of `scores`: count, mean PIT and coverage; with a non-empty `metric` (scores
/// all in one unit) also the mean CRPS and the mean of the finite log scores (NaN else).
ScoreSummary summarise_scores(const std::vector<const ObservationScore*>& scores,
                              const std::string& metric);

/// Checks every observation against the layout (a known metric, a reported year, a value in
/// the metric's range); throws ScenarioError listing the problems with their positions.
void check_observations(const stats::MetricLayout& layout,
                        const std::vector<Observation>& observations);

/// Scores `observations` against the forecast in `accumulator`: the distribution of each
/// observation's metric and year (exact values in exact mode, else the sketch's) for
/// CRPS, PIT and the intervals; the sketch for the density. An observation whose metric
/// the run does not report, whose year is outside the run, or whose value is outside its
/// metric's range (a share or HHI outside [0, 1], with the hint that 40 % is 0.40; a
/// negative spend or revenue) throws ScenarioError with every such problem at its
/// position ("FILE:LINE:COL: error: observation[0].metric: unknown metric (got
/// "share.Antropic"); did you mean 'share.Anthropic'?"). An observation with `sd` or an
/// interval value throws too: score compares the forecast with point values.
ScoreReport score_forecast(const stats::ForecastAccumulator& accumulator,
                           const std::vector<Observation>& observations);

}  // namespace spendcast::analysis
