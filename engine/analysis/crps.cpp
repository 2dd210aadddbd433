#include "analysis/crps.hpp"

#include <cmath>
#include <limits>

namespace spendcast::analysis {

double crps(const stats::EmpiricalDistribution& forecast, double y) {
  const std::uint64_t n = forecast.count();
  if (n == 0 || !std::isfinite(y)) return std::numeric_limits<double>::quiet_NaN();
  const auto& x = forecast.points();
  const auto& c = forecast.cumulative_counts();
  const auto total = static_cast<double>(n);
  // Below the support F = 0: (0 − 1)² on [y, x_0) when y < x_0. Above it F = 1: (1 − 0)²
  // on [x_K, y) when y > x_K. Between x_k and x_{k+1}, F = c_k / n.
  double sum = 0.0;
  if (y < x.front()) sum += x.front() - y;
  if (y > x.back()) sum += y - x.back();
  for (std::size_t k = 0; k + 1 < x.size(); ++k) {
    const double f = static_cast<double>(c[k]) / total;
    const double lo = x[k], hi = x[k + 1];
    if (y <= lo) {
      sum += (1.0 - f) * (1.0 - f) * (hi - lo);
    } else if (y >= hi) {
      sum += f * f * (hi - lo);
    } else {
      sum += f * f * (y - lo) + (1.0 - f) * (1.0 - f) * (hi - y);
    }
  }
  return sum;
}

}  // namespace spendcast::analysis
