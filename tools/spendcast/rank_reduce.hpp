#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::cli {

/// This rank's shard of a run's paths in its MPI job: shard world_rank() of world_size().
sim::PathShard rank_shard();

/// Collective (ranks.hpp, gather_on_root): sends this rank's exact accumulator `state` to
/// rank 0 with the `fingerprint` of what it ran (the resolved scenarios and options).
/// Returns on rank 0 the states of ranks 1 … R−1 in rank order, and nothing on the others.
/// A rank whose fingerprint differs from rank 0's fails the command there (UsageError,
/// naming the rank): its part is of another run.
std::vector<nlohmann::json> gather_states(const nlohmann::json& state,
                                          const std::string& fingerprint);

/// Runs the forecast `options` describe across the ranks of this process's MPI job: rank
/// k of R simulates shard k of R of the run's one sampling design, with its own threads;
/// rank 0 then merges every rank's exact state (gather_states) into the whole run's,
/// bitwise the one process's since the accumulators merge exactly and order-free. On rank
/// 0 the result is the whole run (its elapsed time includes the merge); on the others only
/// their own part, not to be written. In one process: run_forecast(model, options). A run
/// that is itself a shard (--shard) is refused in an MPI job (UsageError).
sim::ForecastRun run_forecast_on_ranks(const model::Model& model, sim::ForecastRunOptions options,
                                       const std::string& fingerprint);

}  // namespace spendcast::cli
