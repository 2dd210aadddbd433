#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "sim/path_shard.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::sim {

/// The most paths a run simulates unless told otherwise (--max-paths).
inline constexpr std::uint64_t default_max_paths = 1'000'000'000;

/// Estimated peak bytes of an exact run (--exact) of `paths` paths: every metric and year
/// keeps each path's value (8 bytes), held again while the workers' samples merge and
/// once more sorted for a quantile: 32 bytes per value; writing the result JSON adds about
/// 80 (a JSON value per number and the text). Measured on the baseline at 10^5 paths
/// (1.38e7 values): 357 MiB peak without --json (26 bytes per value), 1347 MiB with it
/// (102). Saturates instead of overflowing.
std::uint64_t exact_memory_estimate(const stats::MetricLayout& layout, std::uint64_t paths,
                                    bool writes_json);

/// The paths of a run done so far and their accumulator (run --checkpoint, --resume). The
/// accumulators merge exactly and order-free, so a run that goes on from them ends bitwise
/// as one that was never interrupted.
struct CompletedPaths {
  std::vector<PathRange> ranges;  ///< sorted, disjoint and not touching
  stats::ForecastAccumulator accumulator;
};

/// How to run a forecast: the paths and seed, the machine, and when to stop.
struct ForecastRunOptions {
  std::uint64_t paths = 0;  ///< paths of the first (or only) round
  std::uint64_t seed = 0;
  int threads = 0;                        ///< 0: every core
  std::size_t block_size = 0;             ///< any value gives the same results; 0: automatic
  stats::AccumulatorOptions accumulator;  ///< sketch accuracy or exact quantiles
  /// When set: keep adding rounds of paths until the relative standard error of every
  /// reported median is at most this (--target-se).
  std::optional<double> target_relative_se;
  std::uint64_t max_paths = default_max_paths;  ///< --target-se stops here at the latest
  /// When set: simulate only this shard's range of the `paths` paths (shard_range), while
  /// the sampling design (Latin hypercube strata) spans all `paths`, so the shards' merged
  /// accumulators equal the whole run's, bitwise. Not with target_relative_se.
  std::optional<PathShard> shard;
  /// When set: these paths are done (run --resume); only the others of the run (or shard)
  /// are simulated, and the run starts from their accumulator. Not with a target.
  std::optional<CompletedPaths> resume;
  /// When set: the paths are simulated in chunks of about `chunk_seconds` each (their
  /// size follows the speed so far; results do not depend on it), and this is called after
  /// each chunk with every path completed so far (`stopping` false), and once more when
  /// `stop` ends the run (`stopping` true, just before SimulationStopped is thrown), so
  /// that the caller can keep a checkpoint. Not with a target.
  std::function<void(const CompletedPaths& done, bool stopping)> checkpoint;
  double chunk_seconds = 1.0;               ///< with `checkpoint`
  const std::atomic<bool>* stop = nullptr;  ///< set (e.g. on Ctrl-C) to stop early
  /// Progress: paths done in this round and the round's size (called from workers).
  std::function<void(std::uint64_t done, std::uint64_t round_paths)> progress;
};

/// Where the largest relative standard error of a median is.
struct WorstMedian {
  double relative_se = 0.0;  ///< se(median) / |median|
  std::string metric;
  int year = 0;
};

/// A finished forecast run.
struct ForecastRun {
  stats::ForecastAccumulator accumulator;
  std::uint64_t paths = 0;  ///< paths simulated in all (a shard's: its range's)
  int rounds = 1;           ///< 1, or the rounds --target-se took
  int threads = 1;
  double elapsed_s = 0.0;  ///< wall-clock seconds of simulating
  WorstMedian worst;       ///< the least precise median at the end
  bool target_met = true;  ///< false when --target-se stopped at max_paths
};

/// The paths in all after the next round of a --target-se run that has done `paths` paths
/// with `worst` the largest relative standard error of a median: se ∝ 1/√N, so
/// N·(worst/target)² paths in all, 10 % more for safety, at least doubling, at most
/// `max_paths`.
std::uint64_t next_round_total(std::uint64_t paths, double worst, double target,
                               std::uint64_t max_paths);

/// Simulates `model` and accumulates its forecast. With a target, round k simulates
/// paths [N_k, N_{k+1}) as its own sampling design (so Latin hypercube strata stay
/// exact per round) and the next round's size follows from se ∝ 1/√N; rounds depend only
/// on results, so the run stays deterministic. With a shard: only its range of the one
/// design of `paths` paths; with `resume`, only the paths not yet done; with `checkpoint`,
/// in chunks (throws std::invalid_argument with a target, a bad shard, or resumed ranges
/// outside the run's or an accumulator of other options). Throws SimulationStopped when
/// `stop` is set.
ForecastRun run_forecast(const model::Model& model, const ForecastRunOptions& options);

/// The largest se(median)/|median| over every reported metric and year (event indicators
/// and metrics whose median is exactly 0, such as an entrant that has not entered, are
/// left out: their medians cannot become more precise).
WorstMedian largest_median_relative_se(const stats::Forecast& forecast);

}  // namespace spendcast::sim
