#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/conditioning.hpp"
#include "analysis/observations.hpp"

namespace spendcast::analysis {

/// Fewer kept paths than this get a warning: the conditional forecast is noisy.
constexpr std::uint64_t few_kept_paths = 1000;

/// The conditioning summary for the terminal: observations, kept paths and acceptance
/// rate (with a warning when fewer than few_kept_paths are kept), then each uncertain
/// θ's prior and posterior median and 90 % interval side by side.
std::string conditioning_table(const ConditionedForecast& c,
                               const std::vector<Observation>& observations,
                               const std::string& observations_path);

/// The warning for too few kept paths, or "" (one line, ending in '\n').
std::string few_kept_warning(const ConditionedForecast& c);

/// The `conditioning` object of a conditioned run's result JSON (docs/RESULT-FORMAT.md):
/// observations (with their sd on the stated scale), paths, kept, acceptance and, per
/// uncertain θ, prior and posterior median, 5 % and 95 % points.
nlohmann::json conditioning_to_json(const ConditionedForecast& c,
                                    const std::vector<Observation>& observations,
                                    const std::string& observations_path);

}  // namespace spendcast::analysis
