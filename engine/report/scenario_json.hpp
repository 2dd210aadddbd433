#pragma once

#include <nlohmann/json.hpp>

#include "scenario/spec.hpp"

namespace spendcast {

/// The resolved scenario as JSON, every value included: distributions as
/// {"dist": kind, parameters..., "truncate"}, constants as numbers; the composition
/// categories with their baseline shares; events with their windows and effects.
nlohmann::json scenario_to_json(const ScenarioSpec& spec);

/// A distribution as JSON (a number for a constant).
nlohmann::json dist_to_json(const DistSpec& dist);

}  // namespace spendcast
