#pragma once

// Spec equality that ignores positions: for the scenario tests and the fuzz harnesses
// (fuzz/), so it depends on nothing but the engine.

#include <string>

#include "scenario/spec.hpp"

namespace spendcast::testing {

/// True when two specs hold the same values (positions and origin ignored); on a
/// difference, `why` names the first field that differs.
bool same_values(const scenario::ScenarioSpec& a, const scenario::ScenarioSpec& b,
                 std::string* why = nullptr);

}  // namespace spendcast::testing
