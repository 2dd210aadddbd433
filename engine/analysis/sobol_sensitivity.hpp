#pragma once

#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "analysis/sobol_indices.hpp"
#include "scenario/spec.hpp"

namespace spendcast::analysis {

/// One factor of a Sobol analysis: a group of the random components of a path
/// (model/stream_paths.hpp) swapped together between the matrices A and B.
struct SobolFactor {
  std::string name;  ///< θ name; "a + b" for θs joined by [[correlation]]s; "event.<name>"; "noise"
  std::string kind;  ///< "parameter", "event" (whether, when and how much it fired) or "noise"
  std::vector<std::string> members;  ///< the θ names of a parameter factor
  SobolIndex index;
};

/// Variance-based sensitivity of a metric in a year: Sobol indices of every factor.
/// Its `paths` are N, the paths of each of the matrices A, B and AB_i.
struct SobolReport : SensitivityHeader {
  int runs = 0;                       ///< factors + 2
  double mean = 0.0, variance = 0.0;  ///< of the metric over the 2N paths of A and B
  stats::Estimate first_sum;          ///< Σ of the first-order indices
  std::vector<SobolFactor> factors;   ///< by total effect, largest first (undefined last)
  std::vector<std::string> notes;
  double elapsed_s = 0.0;
};

/// Sobol indices by pick-freeze with counter-based randomness (docs/ANALYSIS.md): A is
/// paths [0, N) of the scenario, B paths [N, 2N), and AB_i paths [0, N) with factor i's
/// random components read at path + N (StreamPaths). Factors: every uncertain θ (θs joined
/// by nonzero [[correlation]]s form one factor, since they cannot vary alone), every event
/// (its stream: firing, timing and effect sizes) and the path noise (spend and composition
/// shocks). N is the scenario's paths; (factors + 2)·N paths in all. Latin hypercube
/// sampling is replaced by Monte Carlo (A and B must be independent; a note says so).
/// Throws as analyse_sensitivity for an unknown metric or year.
SobolReport analyse_sobol(const scenario::ScenarioSpec& spec, const SensitivityOptions& options);

}  // namespace spendcast::analysis
