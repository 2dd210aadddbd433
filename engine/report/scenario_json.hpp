#pragma once

#include <nlohmann/json.hpp>

#include "scenario/spec.hpp"

namespace spendcast::report {

/// The resolved scenario as JSON, every value included: distributions as
/// {"dist": kind, parameters..., "truncate"}, constants as numbers; the composition
/// categories with their baseline shares; events with their windows and effects.
nlohmann::json scenario_to_json(const scenario::ScenarioSpec& spec);

/// The parts of a resolved scenario (scenario_to_json's output, e.g. a result file's
/// "scenario") that summary_table, scenario_heading and result_to_csv read: name, title,
/// extends, overrides, origin, simulation.{base_year, horizon, steps_per_year, paths, seed},
/// and the vendor and segment categories (name, base_share, entrant) with the vendors' `of`.
/// Every other field keeps its default: not a spec to simulate. Throws nlohmann's errors
/// when a part is missing or of the wrong type.
scenario::ScenarioSpec summary_spec_from_json(const nlohmann::json& scenario);

/// A distribution as JSON (a number for a constant).
nlohmann::json dist_to_json(const scenario::DistSpec& dist);

}  // namespace spendcast::report
