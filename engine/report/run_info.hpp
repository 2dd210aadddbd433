#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scenario/spec.hpp"
#include "sim/path_shard.hpp"

namespace spendcast::report {

/// The part of a run a shard's result holds: shard `shard` of the run's `total_paths`
/// paths (run --shard K/N), simulated as part of the whole run's sampling design.
struct ShardOfRun {
  sim::PathShard shard;  ///< 0-based here; the result file writes "index" 1-based
  std::uint64_t total_paths = 0;
  /// The paths it holds.
  sim::PathRange range() const { return sim::shard_range(total_paths, shard); }
};

/// How a forecast was made: the "run" object of the result file.
struct RunInfo {
  std::uint64_t paths = 0;
  std::uint64_t seed = 0;
  int threads = 1;
  int steps_per_year = 1;
  scenario::Sampling sampling = scenario::Sampling::mc;
  bool exact = false;               ///< every value kept (exact quantiles)
  double relative_accuracy = 0;     ///< of the sketches' quantiles (0 when exact)
  double elapsed_s = 0;             ///< wall-clock seconds of the simulation
  double path_steps_per_s = 0;      ///< paths · steps / elapsed_s
  std::string engine_version;       ///< "0.1.0 (git abc123)"
  std::optional<ShardOfRun> shard;  ///< set in a shard's result: `paths` are its range's
};

/// "mc" or "lhs".
const char* sampling_name(scenario::Sampling sampling);

}  // namespace spendcast::report
