#include "stats/empirical_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/quantile_sketch.hpp"

namespace spendcast::stats {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void EmpiricalDistribution::append(double point, std::uint64_t count) {
  if (count == 0) return;
  if (!points_.empty() && points_.back() == point) {
    cumulative_.back() += count;
    return;
  }
  const std::uint64_t before = cumulative_.empty() ? 0 : cumulative_.back();
  points_.push_back(point);
  cumulative_.push_back(before + count);
}

EmpiricalDistribution EmpiricalDistribution::from_values(std::vector<double> values) {
  for (double& v : values) {
    if (!std::isfinite(v)) throw std::invalid_argument("EmpiricalDistribution: non-finite value");
    v += 0.0;  // -0 becomes +0
  }
  std::sort(values.begin(), values.end());
  EmpiricalDistribution d;
  for (const double v : values) d.append(v, 1);
  return d;
}

EmpiricalDistribution EmpiricalDistribution::from_sketch(const QuantileSketch& sketch) {
  EmpiricalDistribution d;
  const std::uint64_t n = sketch.count();
  if (n == 0) return d;
  const double lo = sketch.min(), hi = sketch.max();
  std::uint64_t seen = 0;
  for (const QuantileSketch::Bucket& b : sketch.buckets()) {
    std::uint64_t c = b.count;
    if (seen == 0) {  // rank 0 is the exact minimum
      d.append(lo, 1);
      --c;
    }
    const bool last = seen + b.count == n;
    if (last && c > 0) --c;  // rank n - 1 is the exact maximum
    d.append(std::clamp(b.value, lo, hi), c);
    if (last && n > 1) d.append(hi, 1);
    seen += b.count;
  }
  return d;
}

double EmpiricalDistribution::min() const {
  return points_.empty() ? nan : points_.front();
}

double EmpiricalDistribution::max() const {
  return points_.empty() ? nan : points_.back();
}

double EmpiricalDistribution::order_statistic(std::uint64_t rank) const {
  if (rank >= count()) throw std::out_of_range("EmpiricalDistribution: rank beyond the count");
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), rank);
  return points_[static_cast<std::size_t>(it - cumulative_.begin())];
}

double EmpiricalDistribution::quantile(double p) const {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument("EmpiricalDistribution: quantile level outside [0, 1]");
  }
  const std::uint64_t n = count();
  if (n == 0) return nan;
  // numpy.quantile(method='linear'): virtual index (n - 1) p, its floor and the next,
  // gamma = index - floor, and _lerp's two formulas.
  const double h = static_cast<double>(n - 1) * p;
  if (h >= static_cast<double>(n - 1)) return points_.back();
  const double previous = std::floor(h);
  const double gamma = h - previous;
  const auto k = static_cast<std::uint64_t>(previous);
  const double a = order_statistic(k), b = order_statistic(k + 1);
  const double diff = b - a;
  return gamma >= 0.5 ? b - diff * (1.0 - gamma) : a + diff * gamma;
}

double EmpiricalDistribution::quantile_se(double p) const {
  const std::uint64_t n = count();
  if (n == 0) return nan;
  const double s = std::sqrt(p * (1.0 - p) / static_cast<double>(n));
  const double lo = std::max(0.0, p - s), hi = std::min(1.0, p + s);
  if (!(hi > lo)) return 0.0;
  return (quantile(hi) - quantile(lo)) * (s / (hi - lo));
}

double EmpiricalDistribution::cdf(double x) const {
  const std::uint64_t n = count();
  if (n == 0) return nan;
  const auto it = std::upper_bound(points_.begin(), points_.end(), x);
  if (it == points_.begin()) return 0.0;
  const auto i = static_cast<std::size_t>(it - points_.begin()) - 1;
  return static_cast<double>(cumulative_[i]) / static_cast<double>(n);
}

}  // namespace spendcast::stats
