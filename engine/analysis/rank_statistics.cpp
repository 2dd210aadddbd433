#include "analysis/rank_statistics.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace spendcast::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// (v − mean) / sd of a sample, as an Eigen column; sd 0 leaves zeros.
Eigen::VectorXd standardised(std::span<const double> v) {
  const auto n = static_cast<Eigen::Index>(v.size());
  Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(v.data(), n);
  x.array() -= x.mean();
  const double norm = x.norm();
  if (norm > 0) x /= norm / std::sqrt(static_cast<double>(n - 1));
  return x;
}

}  // namespace

std::vector<double> mid_ranks(std::span<const double> values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  std::vector<double> ranks(n);
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first + 1;
    while (last < n && values[order[last]] == values[order[first]]) ++last;
    const double rank = 0.5 * static_cast<double>(first + 1 + last);  // mean of first+1..last
    for (std::size_t k = first; k < last; ++k) ranks[order[k]] = rank;
    first = last;
  }
  return ranks;
}

double pearson_correlation(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("pearson_correlation: unequal lengths");
  if (x.size() < 2) return nan;
  const auto n = static_cast<Eigen::Index>(x.size());
  Eigen::VectorXd a = Eigen::Map<const Eigen::VectorXd>(x.data(), n);
  Eigen::VectorXd b = Eigen::Map<const Eigen::VectorXd>(y.data(), n);
  a.array() -= a.mean();
  b.array() -= b.mean();
  const double denominator = a.norm() * b.norm();
  if (!(denominator > 0)) return nan;
  return std::clamp(a.dot(b) / denominator, -1.0, 1.0);
}

stats::Estimate spearman_from_ranks(std::span<const double> x_ranks,
                                    std::span<const double> y_ranks) {
  const double rho = pearson_correlation(x_ranks, y_ranks);
  const auto n = static_cast<double>(x_ranks.size());
  if (std::isnan(rho) || n < 4) return {nan, nan};
  return {rho, (1.0 - rho * rho) * std::sqrt((1.0 + rho * rho / 2.0) / (n - 3.0))};
}

RankRegression rank_regression(const std::vector<std::vector<double>>& factor_ranks,
                               std::span<const double> y_ranks) {
  const auto n = static_cast<Eigen::Index>(y_ranks.size());
  const auto p = static_cast<Eigen::Index>(factor_ranks.size());
  if (n <= p + 1) throw std::invalid_argument("rank_regression: too few paths for the factors");
  RankRegression out;
  Eigen::MatrixXd x(n, p);
  for (Eigen::Index j = 0; j < p; ++j) {
    if (factor_ranks[j].size() != y_ranks.size())
      throw std::invalid_argument("rank_regression: unequal lengths");
    x.col(j) = standardised(factor_ranks[j]);
  }
  const Eigen::VectorXd y = standardised(y_ranks);
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  if (qr.rank() < p) {
    out.full_rank = false;
    out.coefficients.assign(static_cast<std::size_t>(p), stats::Estimate{nan, nan});
    out.r_squared = nan;
    return out;
  }
  const Eigen::VectorXd beta = qr.solve(y);
  const Eigen::VectorXd residual = y - x * beta;
  const double rss = residual.squaredNorm(), tss = y.squaredNorm();
  out.r_squared = tss > 0 ? 1.0 - rss / tss : nan;
  // se(β_j)² = σ² [(XᵀX)⁻¹]_jj with σ² = RSS / (n − p − 1) (one degree for the centring).
  const double sigma2 = rss / static_cast<double>(n - p - 1);
  const Eigen::MatrixXd inverse = (x.transpose() * x).ldlt().solve(Eigen::MatrixXd::Identity(p, p));
  for (Eigen::Index j = 0; j < p; ++j)
    out.coefficients.push_back({beta(j), std::sqrt(std::max(sigma2 * inverse(j, j), 0.0))});
  return out;
}

}  // namespace spendcast::analysis
