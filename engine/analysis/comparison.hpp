#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/metric_selection.hpp"
#include "analysis/paired_accumulator.hpp"
#include "report/result_json.hpp"
#include "scenario/spec.hpp"
#include "sim/path_shard.hpp"
#include "sim/simulate.hpp"
#include "stats/forecast.hpp"

namespace spendcast::analysis {

/// A distribution's median and central 90 % interval [5 %, 95 %].
struct Interval {
  double median = 0.0;
  double low = 0.0;   ///< 5 % quantile
  double high = 0.0;  ///< 95 % quantile
};

/// The paired statistics of B against A on the same paths (common random numbers).
struct PairedStatistics {
  Interval difference;                ///< of the per-path B − A
  stats::Estimate mean_difference;    ///< exact mean of B − A and its standard error
  Interval ratio;                     ///< of the per-path B / A (NaN when never defined)
  std::uint64_t ratio_undefined = 0;  ///< paths where A = 0 (ratio left out)
  stats::Estimate greater;            ///< P(B > A) over paths, binomial se
  stats::Estimate less;               ///< P(B < A) over paths
  stats::Estimate equal;              ///< P(B = A) over paths (ties: 1 − greater − less)
};

/// One metric in one year, B against A.
struct CellComparison {
  std::string metric;
  int year = 0;
  Interval a, b;    ///< each one's median [5 %, 95 %]
  double ks = 0.0;  ///< Kolmogorov–Smirnov distance of the two distributions
  double w1 = 0.0;  ///< Wasserstein-1 distance, in the metric's units
  std::optional<PairedStatistics> paired;  ///< scenario files only
  /// Result files only: P(B > A) + ½ P(B = A) for independent draws, Hanley–McNeil se.
  std::optional<stats::Estimate> greater_unpaired;
};

/// One input of a comparison.
struct ComparedInput {
  std::string label;  ///< the scenario's name, made unique ("baseline", "baseline#2")
  std::string title;
  std::string origin;  ///< the file
  std::uint64_t paths = 0;
  std::uint64_t seed = 0;
  std::string data_source;  ///< the scenario's [data] source
};

/// B (inputs[b]) against A (inputs[a]) over the cells both report.
struct Comparison {
  std::size_t a = 0, b = 0;           ///< indices into ComparisonReport::inputs
  std::vector<CellComparison> cells;  ///< metric-major, years increasing
  std::vector<std::string> left_out;  ///< what one of the two lacks
};

/// Every comparison of a `spendcast compare`: each input against the first.
struct ComparisonReport {
  bool paired = false;  ///< true: scenarios run with common random numbers
  std::vector<ComparedInput> inputs;
  std::vector<Comparison> comparisons;
  std::vector<std::string> notes;  ///< how it was run, and what it could not do
  std::uint64_t paths = 0;         ///< paired: paths per scenario; else 0
  std::uint64_t seed = 0;          ///< paired: the common seed
  int threads = 0;                 ///< paired: worker threads
  double elapsed_s = 0.0;          ///< paired: wall-clock seconds of simulating
};

/// How to run a paired comparison.
struct PairedRunOptions {
  int threads = 0;                          ///< 0: every core
  std::size_t block_size = 0;               ///< any value gives the same results; 0: automatic
  double relative_accuracy = 1e-3;          ///< of the sketches
  const std::atomic<bool>* stop = nullptr;  ///< set to stop early (SimulationStopped)
  std::function<void(std::uint64_t paths_done)> progress;  ///< per block, from workers
  /// When set: simulate only this shard of the paths' one sampling design (one process's
  /// part of a run split across processes).
  std::optional<sim::PathShard> shard;
  /// When set: called with the pairs this process accumulated (one per scenario after the
  /// first) before the report is computed from them; a caller that split the paths across
  /// processes (shard) merges the other processes' pairs into them here.
  std::function<void(std::vector<PairedAccumulator>& pairs)> combine;
};

/// How a paired run (compare_scenarios, run_sweep) simulates the `paths` paths of its one
/// sampling design under `seed`: only options.shard of them when set; options' block size,
/// threads, stop and progress.
sim::SimulationOptions paired_simulation_options(std::uint64_t seed, std::uint64_t paths,
                                                 const PairedRunOptions& options);

/// The paired statistics of cell i of `acc` (B against A, path by path): the difference's
/// and ratio's median [5 %, 95 %], the exact mean difference, P(B > A), P(B < A), P(B = A).
PairedStatistics paired_statistics(const PairedAccumulator& acc, std::size_t i);

/// Runs every scenario in lockstep with the first one's paths, seed and sampling
/// design (common random numbers: path i of every scenario sees the same noise) and
/// compares each scenario after the first with the first, per path: distributions,
/// paired difference and ratio, P(B > A), KS and W1 (at least two specs, else throws
/// std::invalid_argument). Memory does not grow with the paths. Requested metrics or
/// years that no scenario reports throw ScenarioError (check_request).
ComparisonReport compare_scenarios(const std::vector<scenario::ScenarioSpec>& specs,
                                   const MetricRequest& request, const PairedRunOptions& options);

/// Compares result files (at least two) from their accumulators: each one's
/// distribution, KS, W1 and the unpaired P(B > A); no paired statistics (noted).
ComparisonReport compare_results(const std::vector<report::ResultFile>& results,
                                 const MetricRequest& request);

}  // namespace spendcast::analysis
