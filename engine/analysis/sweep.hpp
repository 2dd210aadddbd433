#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/comparison.hpp"
#include "analysis/metric_selection.hpp"
#include "analysis/sweep_design.hpp"
#include "scenario/spec.hpp"
#include "stats/forecast.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::analysis {

/// The quantile levels a sweep reports per metric: 5, 25, 50, 75 and 95 %.
inline constexpr std::array<double, 5> sweep_levels{0.05, 0.25, 0.5, 0.75, 0.95};

/// A probability a run reports for a metric, in a sweep's row.
struct SweepProbability {
  std::string name;          ///< for files: "leads", "fired", "at_least_500"
  std::string label;         ///< for tables: "P(leads)", "P(fired)", "P(>= 500)"
  stats::Estimate estimate;  ///< with its binomial se
};

/// One metric in one year of one variant.
struct SweepCell {
  std::string metric;
  int year = 0;
  double mean = 0.0;                  ///< exact
  std::array<double, 5> quantiles{};  ///< at sweep_levels, as `run` reports them
  std::vector<SweepProbability> probabilities;
  PairedStatistics paired;  ///< this variant against variant 1, path by path
};

/// One variant: its values of the factors and its statistics.
struct SweepVariant {
  std::vector<std::string> values;    ///< one per factor, as given
  std::vector<SweepCell> cells;       ///< metric-major, years increasing
  std::vector<std::string> left_out;  ///< requested cells it or variant 1 lacks
};

/// A finished sweep (`spendcast sweep`, docs/ANALYSIS.md "Sweeps").
struct SweepReport {
  std::string scenario;  ///< variant 1's name
  std::string title;
  std::string origin;             ///< the scenario file
  std::vector<std::string> keys;  ///< the varied keys, in --vary order
  SweepLayout layout = SweepLayout::grid;
  std::vector<SweepVariant> variants;
  std::uint64_t paths = 0;  ///< per variant
  std::uint64_t seed = 0;   ///< common to every variant
  int threads = 0;
  double elapsed_s = 0.0;  ///< wall-clock seconds of simulating
  std::vector<std::string> notes;
};

/// The default metrics of a sweep of `spec`: "spend" and, with vendors, the share of the
/// vendor with the largest base-year share (the leader when the forecast starts).
std::vector<std::string> default_sweep_metrics(const scenario::ScenarioSpec& spec);

/// How many variants run in lockstep, sharing each block of paths: memory grows with it;
/// every group after the first also runs variant 1 again (its paired reference).
inline constexpr std::size_t sweep_group_size = 8;

/// Merges the other processes' parts of a sweep split across processes
/// (PairedRunOptions::shard) into this process's, before the report is computed from them:
/// per variant, in order, its forecast and its pairs with variant 1.
using SweepCombine = std::function<void(std::vector<stats::ForecastAccumulator>& forecasts,
                                        std::vector<PairedAccumulator>& pairs)>;

/// Runs every variant (`specs`, one per design variant, as load_sweep_scenarios gives them)
/// on variant 1's paths and seed with common random numbers, in groups of sweep_group_size
/// variants run in lockstep (together with variant 1), parallel over paths. Per variant and
/// requested cell (default metrics: default_sweep_metrics of variant 1; default year:
/// variant 1's last) the statistics `run` reports for that variant alone, bitwise, and the
/// paired statistics against variant 1. Results depend on neither threads nor grouping.
/// Requested metrics or years that no variant reports throw ScenarioError (check_request).
/// Throws SimulationStopped when options.stop is set. With options.shard it simulates only
/// that shard of every variant's paths; with `combine` it holds every variant's
/// accumulators until all groups have run, calls `combine` once with them, then computes
/// the report (options.combine is for compare_scenarios: set, it throws
/// std::invalid_argument).
SweepReport run_sweep(const SweepDesign& design, const std::vector<scenario::ScenarioSpec>& specs,
                      const MetricRequest& request, const PairedRunOptions& options,
                      const SweepCombine& combine = {});

}  // namespace spendcast::analysis
