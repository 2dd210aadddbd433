#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "report/result_json.hpp"
#include "report/run_info.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::report {

/// The checkpoint file's format tag (run --checkpoint, docs/RELIABILITY.md); readers refuse
/// any other.
inline constexpr const char* checkpoint_format = "spendcast-checkpoint/1";

/// A checkpoint of a run as JSON: {"format", "scenario" (scenario_to_json), "run" (the
/// result file's "run" object: `paths` are the run's, not those done), "done" (the
/// completed path ranges as [first, paths] pairs), "state" (their accumulator, as in a
/// result file), "state_checksum" (state_checksum of {"done", "state"}: a damaged range
/// is refused too)}.
nlohmann::json checkpoint_to_json(nlohmann::json scenario, const RunInfo& run,
                                  const sim::CompletedPaths& done);

/// A checkpoint read back.
struct CheckpointFile {
  std::string origin;        ///< the file it was read from
  nlohmann::json scenario;   ///< the resolved scenario of the run
  RunInfo run;               ///< its settings; `paths` are the whole run's
  sim::CompletedPaths done;  ///< what is done
};

/// Reads a checkpoint file (a regular file of at most `max_bytes`); anything that is not a
/// consistent checkpoint throws std::runtime_error "PATH: not a spendcast checkpoint:
/// FIELD: PROBLEM": another format, a damaged state or checksum, ranges that are unsorted,
/// overlap, lie outside the run's (or its shard's) paths or do not add up to the paths of
/// the state.
CheckpointFile read_checkpoint_file(const std::string& path,
                                    std::uint64_t max_bytes = default_max_result_bytes);

/// Why `checkpoint` is not of the run with `scenario` and `run`, "" when it is: the first of
/// a different engine version, seed, steps per year, sampling, quantile settings, paths,
/// shard or scenario value ("origin" aside), with both values.
std::string checkpoint_mismatch(const CheckpointFile& checkpoint, const nlohmann::json& scenario,
                                const RunInfo& run);

}  // namespace spendcast::report
