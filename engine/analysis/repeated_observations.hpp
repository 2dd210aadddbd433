#pragma once

#include <vector>

#include "analysis/observations.hpp"

namespace spendcast::analysis {

/// Refuses observations of the same metric and year given twice: with the same value a
/// duplicate (it would count twice in the summary), with another value a conflict (the
/// score would depend on which one is right). Throws ScenarioError with one error per
/// repeat at its position, naming the first: "FILE:9:1: error: observation[2]: spend in
/// 2026 is observed already by observation[0] (line 1), with another value (65 vs 60)".
void refuse_repeated_observations(const std::vector<Observation>& observations);

}  // namespace spendcast::analysis
