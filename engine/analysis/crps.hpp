#pragma once

#include "stats/empirical_distribution.hpp"

namespace spendcast::analysis {

/// Continuous ranked probability score of the forecast `forecast` for the outcome `y`:
/// ∫ (F(x) − 1{x ≥ y})² dx, integrated exactly over the step function F (in the metric's
/// units; 0 is perfect, lower is better). NaN when the forecast is empty or y not finite.
double crps(const stats::EmpiricalDistribution& forecast, double y);

}  // namespace spendcast::analysis
