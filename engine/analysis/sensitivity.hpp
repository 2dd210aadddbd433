#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scenario/spec.hpp"
#include "stats/forecast.hpp"

namespace spendcast::analysis {

/// What `spendcast sensitivity` explains and how it runs.
struct SensitivityOptions {
  std::string metric;          ///< a metric of the scenario ("spend", "share.Anthropic")
  std::optional<int> year;     ///< default: the horizon
  int threads = 0;             ///< 0: every core
  std::size_t block_size = 0;  ///< any value gives the same results; 0: automatic
  double low_level = 0.1;      ///< a θ is pinned at its quantile at this level ...
  double high_level = 0.9;     ///< ... and at this one
  const std::atomic<bool>* stop = nullptr;  ///< set to stop early (SimulationStopped)
  /// Progress over every run (the main one and two per θ): paths done, paths in all.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

/// One factor of the outcome: an uncertain θ, an event's firing by the year, or an
/// uncertain input of an event (when it first fired, an effect size drawn then:
/// sim/event_draws.hpp).
struct SensitivityFactor {
  std::string name;  ///< θ name, "event.<name>" or "event.<name>.<input>"
  bool is_event = false;
  bool is_event_input = false;  ///< an event's time or effect size
  bool varies = true;           ///< false when constant over the paths (no statistics)
  stats::Estimate spearman;     ///< Spearman rank correlation with the metric (Bonett–Wright se)
  stats::Estimate srrc;         ///< standardised regression coefficient on ranks (OLS se)
  /// θ: its quantile at low_level; event: 0 (not fired); event input: its quantile at
  /// low_level over the paths where the event had fired
  double low_value = 0.0;
  double high_value = 0.0;  ///< θ: its quantile at high_level; event: 1 (fired); input: as low
  /// θ: the metric's median with the θ pinned at low_value (a constant in the spec), all
  /// else random, same seed and paths; event: the median over the paths where it had not
  /// fired by the year (conditional); event input: over the fired paths where it was at
  /// most low_value (at least high_value for high_median). NaN when undefined.
  double low_median = 0.0;
  double high_median = 0.0;  ///< same at high_value / over the paths where it had fired
  double swing = 0.0;        ///< high_median − low_median
  std::uint64_t fired = 0;   ///< events: paths on which it had fired by the year
  std::vector<std::string> correlated_with;  ///< θs it shares a [[correlation]] with
};

/// What a sensitivity analysis explains and how it runs, the same for every method.
struct SensitivityHeader {
  std::string scenario;  ///< the scenario's name
  std::string origin;
  std::string data_source;  ///< the scenario's [data] source
  std::string metric;
  int year = 0;
  std::uint64_t paths = 0;  ///< paths of each run
  std::uint64_t seed = 0;
  int threads = 0;
};

/// What drives a metric in a year: the factors sorted by influence (|swing|, then |SRRC|).
struct SensitivityReport : SensitivityHeader {
  double low_level = 0.1, high_level = 0.9;
  double median = 0.0;     ///< the metric's median in the main run
  double r_squared = 0.0;  ///< of the rank regression (NaN when it could not be fitted);
                           ///< 1 − R² is the unexplained remainder, the path noise
  std::vector<SensitivityFactor> factors;
  std::vector<std::string> notes;
  double elapsed_s = 0.0;  ///< wall-clock seconds of every run
};

/// Throws ScenarioError naming "--metric M" or "--year Y" when the scenario whose metrics
/// are `layout` does not report the metric or year of `options`.
void check_metric_and_year(const stats::MetricLayout& layout, const SensitivityOptions& options);

/// The header of an analysis of `spec` (whose metrics are `layout`) with `options`: the
/// year defaults to the horizon, the threads are resolved (0: every core).
SensitivityHeader sensitivity_header(const scenario::ScenarioSpec& spec,
                                     const stats::MetricLayout& layout,
                                     const SensitivityOptions& options);

/// Runs `spec` (its paths and seed) keeping each path's uncertain θs (those with a
/// non-constant distribution), each event's fired-by-year indicator, its uncertain inputs
/// replayed from its stream (EventDraws) and the metric in the year; computes Spearman correlations
/// and a rank regression (Eigen least squares on standardised ranks, with R²); then, per θ, two
/// more runs with the θ pinned at its low and high quantiles. Memory O(paths × (θs + events)).
/// Throws ScenarioError naming
/// "--metric M" or "--year Y" when the scenario does not report them.
SensitivityReport analyse_sensitivity(const scenario::ScenarioSpec& spec,
                                      const SensitivityOptions& options);

}  // namespace spendcast::analysis
