#pragma once

#include <cstdint>
#include <vector>

namespace spendcast::stats {

class QuantileSketch;

/// A finite sample as a step distribution: sorted distinct support points with counts.
/// Built from exact values (exact mode) or from a sketch, where each value stands for its
/// bucket's representative clamped to [min, max], and the smallest and largest values
/// are the exact min and max. Answers cdf(x) and quantile(p) for compare and score.
class EmpiricalDistribution {
 public:
  /// The empty distribution (count 0: quantiles and cdf are NaN).
  EmpiricalDistribution() = default;
  /// The values themselves, in any order (sorted here; -0 counts as +0); throws
  /// std::invalid_argument for NaN or +-inf.
  static EmpiricalDistribution from_values(std::vector<double> values);
  /// The sketch's values: bucket representatives clamped to [min, max], with the exact
  /// min and max as the first and last order statistics.
  static EmpiricalDistribution from_sketch(const QuantileSketch& sketch);

  /// Number of values n.
  std::uint64_t count() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  /// Smallest value (NaN when empty).
  double min() const;
  /// Largest value (NaN when empty).
  double max() const;
  /// The value of 0-based rank r in increasing order, r < count().
  double order_statistic(std::uint64_t rank) const;
  /// NumPy's default quantile (method 'linear', Hyndman and Fan's type 7): h = (n - 1) p,
  /// interpolating between the order statistics floor(h) and floor(h) + 1 exactly as
  /// numpy.quantile does; p in [0, 1] (throws std::invalid_argument), NaN when empty.
  double quantile(double p) const;
  /// Standard error of quantile(p) by the distribution-free binomial method:
  /// s = sqrt(p (1 - p) / n), se = (Q(p + s) - Q(p - s)) / 2, the interval clipped to
  /// [0, 1] and the difference rescaled to a width of 2 s; 0 when p is 0 or 1.
  double quantile_se(double p) const;
  /// Fraction of the values <= x (NaN when empty).
  double cdf(double x) const;

  /// Distinct support points, increasing.
  const std::vector<double>& points() const { return points_; }
  /// cumulative_counts()[i]: number of values <= points()[i].
  const std::vector<std::uint64_t>& cumulative_counts() const { return cumulative_; }

 private:
  void append(double point, std::uint64_t count);

  std::vector<double> points_;
  std::vector<std::uint64_t> cumulative_;
};

}  // namespace spendcast::stats
