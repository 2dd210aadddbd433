#pragma once

#include <span>
#include <vector>

#include "stats/forecast.hpp"

namespace spendcast::analysis {

/// Ranks 1..n of `values` in increasing order; tied values share the mean of their ranks
/// (mid-ranks), so a 0/1 indicator gets two distinct ranks.
std::vector<double> mid_ranks(std::span<const double> values);

/// Pearson correlation of two samples of equal length n >= 2; NaN when either is constant.
double pearson_correlation(std::span<const double> x, std::span<const double> y);

/// Spearman's rank correlation from mid-ranks (Pearson on the ranks), with the standard
/// error (1 − ρ²)·sqrt((1 + ρ²/2) / (n − 3)) of Bonett and Wright (2000); NaN when a
/// sample is constant or n < 4.
stats::Estimate spearman_from_ranks(std::span<const double> x_ranks,
                                    std::span<const double> y_ranks);

/// A least-squares regression of standardised ranks.
struct RankRegression {
  /// Standardised regression coefficients on ranks (SRRC), one per factor, with their
  /// ordinary least-squares standard errors.
  std::vector<stats::Estimate> coefficients;
  double r_squared = 0.0;  ///< share of the variance of y's ranks explained
  bool full_rank = true;   ///< false when factors are collinear (coefficients are then NaN)
};

/// Regresses the standardised ranks of y on the standardised ranks of every factor
/// (Eigen, column-pivoting QR; no intercept is needed as everything is centred). Each
/// factor must vary (precondition); `factor_ranks[j]` has y's length n > factors + 1.
RankRegression rank_regression(const std::vector<std::vector<double>>& factor_ranks,
                               std::span<const double> y_ranks);

}  // namespace spendcast::analysis
