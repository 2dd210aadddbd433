#include "analysis/distribution_distance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace spendcast::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One distinct point x of the merged support of A and B, with the number of values of
/// each at most x and below x.
struct MergedPoint {
  double x = 0.0;
  std::uint64_t upto_a = 0, upto_b = 0;    ///< values <= x
  std::uint64_t below_a = 0, below_b = 0;  ///< values < x
};

/// The merged support of two non-empty distributions, increasing.
std::vector<MergedPoint> merge_support(const stats::EmpiricalDistribution& a,
                                       const stats::EmpiricalDistribution& b) {
  const auto& pa = a.points();
  const auto& pb = b.points();
  const auto& ca = a.cumulative_counts();
  const auto& cb = b.cumulative_counts();
  std::vector<MergedPoint> out;
  out.reserve(pa.size() + pb.size());
  std::size_t i = 0, j = 0;
  std::uint64_t seen_a = 0, seen_b = 0;
  while (i < pa.size() || j < pb.size()) {
    const double x = j >= pb.size() ? pa[i] : i >= pa.size() ? pb[j] : std::min(pa[i], pb[j]);
    MergedPoint p{x, seen_a, seen_b, seen_a, seen_b};
    if (i < pa.size() && pa[i] == x) p.upto_a = seen_a = ca[i++];
    if (j < pb.size() && pb[j] == x) p.upto_b = seen_b = cb[j++];
    out.push_back(p);
  }
  return out;
}

double fraction(std::uint64_t count, std::uint64_t n) {
  return static_cast<double>(count) / static_cast<double>(n);
}

}  // namespace

double ks_distance(const stats::EmpiricalDistribution& a, const stats::EmpiricalDistribution& b) {
  const std::uint64_t na = a.count(), nb = b.count();
  if (na == 0 || nb == 0) return nan;
  double d = 0.0;
  for (const MergedPoint& p : merge_support(a, b))
    d = std::max(d, std::fabs(fraction(p.upto_a, na) - fraction(p.upto_b, nb)));
  return d;
}

double wasserstein1_distance(const stats::EmpiricalDistribution& a,
                             const stats::EmpiricalDistribution& b) {
  const std::uint64_t na = a.count(), nb = b.count();
  if (na == 0 || nb == 0) return nan;
  const auto points = merge_support(a, b);
  double w = 0.0;
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    const MergedPoint& p = points[k];
    w += std::fabs(fraction(p.upto_a, na) - fraction(p.upto_b, nb)) * (points[k + 1].x - p.x);
  }
  return w;
}

stats::Estimate probability_greater_unpaired(const stats::EmpiricalDistribution& a,
                                             const stats::EmpiricalDistribution& b) {
  const std::uint64_t na = a.count(), nb = b.count();
  if (na == 0 || nb == 0) return {nan, nan};
  double theta = 0.0, q1 = 0.0, q2 = 0.0;
  for (const MergedPoint& p : merge_support(a, b)) {
    const double mass_a = fraction(p.upto_a - p.below_a, na);
    const double mass_b = fraction(p.upto_b - p.below_b, nb);
    // A B value at x beats the A values below x and half of those at x.
    const double beaten = fraction(p.below_a, na) + 0.5 * mass_a;
    theta += mass_b * beaten;
    q2 += mass_b * beaten * beaten;
    // An A value at x is beaten by the B values above x and half of those at x.
    const double beating = 1.0 - fraction(p.upto_b, nb) + 0.5 * mass_b;
    q1 += mass_a * beating * beating;
  }
  const auto n_a = static_cast<double>(na), n_b = static_cast<double>(nb);
  const double variance = (theta * (1.0 - theta) + (n_b - 1.0) * (q1 - theta * theta) +
                           (n_a - 1.0) * (q2 - theta * theta)) /
                          (n_a * n_b);
  return {theta, std::sqrt(std::max(variance, 0.0))};
}

}  // namespace spendcast::analysis
