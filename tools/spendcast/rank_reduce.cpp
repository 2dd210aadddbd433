#include "rank_reduce.hpp"

#include <fmt/format.h>

#include <chrono>

#include "ranks.hpp"
#include "usage.hpp"

namespace spendcast::cli {

sim::PathShard rank_shard() {
  return {static_cast<std::uint64_t>(world_rank()), static_cast<std::uint64_t>(world_size())};
}

std::vector<nlohmann::json> gather_states(const nlohmann::json& state,
                                          const std::string& fingerprint) {
  // CBOR: binary, and every double and integer of the state exactly.
  const std::vector<std::uint8_t> mine =
      nlohmann::json::to_cbor({{"fingerprint", fingerprint}, {"state", state}});
  const std::vector<std::string> parts = gather_on_root(std::string(mine.begin(), mine.end()));
  std::vector<nlohmann::json> states;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    nlohmann::json part = nlohmann::json::from_cbor(parts[k]);
    if (part.at("fingerprint").get<std::string>() != fingerprint)
      throw UsageError(
          fmt::format("spendcast: rank {} of {} ran another scenario or other options than rank 0: "
                      "every rank must "
                      "be started with the same command line and files (nothing written)",
                      k, parts.size()));
    states.push_back(std::move(part.at("state")));
  }
  return states;
}

sim::ForecastRun run_forecast_on_ranks(const model::Model& model, sim::ForecastRunOptions options,
                                       const std::string& fingerprint) {
  if (world_size() == 1) return sim::run_forecast(model, options);
  if (options.shard)
    throw UsageError(
        "spendcast run: --shard under mpirun or srun: the ranks already split the run; give "
        "one or the other (docs/SCALING.md)");
  const auto start = std::chrono::steady_clock::now();
  options.shard = rank_shard();
  sim::ForecastRun run = sim::run_forecast(model, options);
  for (const nlohmann::json& state : gather_states(run.accumulator.to_json(), fingerprint))
    run.accumulator.merge(stats::ForecastAccumulator::from_json(state));
  if (world_rank() != 0) return run;
  run.paths = run.accumulator.paths();
  run.worst = sim::largest_median_relative_se(run.accumulator.forecast());
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace spendcast::cli
