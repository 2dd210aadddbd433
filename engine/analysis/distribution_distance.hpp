#pragma once

#include "stats/empirical_distribution.hpp"
#include "stats/forecast.hpp"

namespace spendcast::analysis {

/// Kolmogorov–Smirnov distance sup_x |F_A(x) − F_B(x)| between two step distributions,
/// evaluated exactly at every support point of either (both non-empty; else NaN).
double ks_distance(const stats::EmpiricalDistribution& a, const stats::EmpiricalDistribution& b);

/// Wasserstein-1 distance ∫ |F_A(x) − F_B(x)| dx between two step distributions, exact
/// over the merged support (in the distributions' units; NaN when either is empty).
double wasserstein1_distance(const stats::EmpiricalDistribution& a,
                             const stats::EmpiricalDistribution& b);

/// P(B > A) + ½ P(B = A) for INDEPENDENT draws A and B from the two distributions (the
/// Mann–Whitney probability; ties count half, since sketches merge nearby values), with
/// the Hanley–McNeil standard error for samples of count() values each. Not the paired
/// probability of common random numbers: use it only when the paths cannot be paired.
stats::Estimate probability_greater_unpaired(const stats::EmpiricalDistribution& a,
                                             const stats::EmpiricalDistribution& b);

}  // namespace spendcast::analysis
