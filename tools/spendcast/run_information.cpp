#include "run_information.hpp"

#include <algorithm>

#include "engine_version.hpp"

namespace spendcast::cli {

report::RunInfo run_info(const scenario::ScenarioSpec& spec, const model::Model& model,
                         std::uint64_t paths, int threads, double elapsed_s,
                         const sim::ForecastRunOptions& options) {
  report::RunInfo info;
  info.paths = paths;
  info.seed = spec.simulation.seed;
  info.threads = threads;
  info.steps_per_year = spec.simulation.steps_per_year;
  info.sampling = spec.simulation.sampling;
  info.exact = options.accumulator.exact;
  info.relative_accuracy = info.exact ? 0.0 : options.accumulator.relative_accuracy;
  info.elapsed_s = elapsed_s;
  info.path_steps_per_s = static_cast<double>(paths) * model.steps() / std::max(elapsed_s, 1e-9);
  info.engine_version = engine_version();
  return info;
}

}  // namespace spendcast::cli
