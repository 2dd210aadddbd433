#pragma once

#include <cstdint>

#include "model/model.hpp"
#include "report/run_info.hpp"
#include "scenario/spec.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::cli {

/// The RunInfo of a run's outputs (result JSON, summary table): its paths, seed, threads,
/// sampling, accuracy, wall-clock seconds, path-steps per second and the engine version.
/// Used by `spendcast run` and by the Python module's spendcast.run.
report::RunInfo run_info(const scenario::ScenarioSpec& spec, const model::Model& model,
                         std::uint64_t paths, int threads, double elapsed_s,
                         const sim::ForecastRunOptions& options);

}  // namespace spendcast::cli
