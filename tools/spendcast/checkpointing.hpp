#pragma once

#include <chrono>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "report/run_info.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::cli {

/// run --checkpoint FILE: as ForecastRunOptions::checkpoint, writes the completed paths of
/// the run to FILE atomically (a temporary file, then a rename: a run killed at any moment
/// leaves the previous checkpoint whole) when `every_s` seconds have passed since the last
/// write, and always when the run is stopped (Ctrl-C), saying so on `err`.
class CheckpointWriter {
 public:
  /// For the run of `scenario` (scenario_to_json) with settings `run` (its `paths` the
  /// run's; `shard` set for a shard).
  CheckpointWriter(std::string path, double every_s, nlohmann::json scenario, report::RunInfo run,
                   std::ostream& err);

  /// Writes `done` when due (or `stopping`).
  void operator()(const sim::CompletedPaths& done, bool stopping);

 private:
  std::string path_;
  double every_s_;
  nlohmann::json scenario_;
  report::RunInfo run_;
  std::ostream* err_;
  std::chrono::steady_clock::time_point last_;
};

/// run --resume FILE: the completed paths of the checkpoint FILE, after checking that it is
/// a checkpoint of the run of `scenario` with settings `run`; a UsageError (exit status 2)
/// says why not: unreadable, not a checkpoint, damaged, or of another scenario, seed,
/// paths, options or build (checkpoint_mismatch).
sim::CompletedPaths resume_from(const std::string& path, const nlohmann::json& scenario,
                                const report::RunInfo& run);

}  // namespace spendcast::cli
