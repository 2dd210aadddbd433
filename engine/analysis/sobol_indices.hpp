#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "stats/forecast.hpp"

namespace spendcast::analysis {

/// The first-order and total-effect Sobol indices of one factor, each with its standard
/// error (delta method; a 95 % confidence interval is value ± 1.96 se).
struct SobolIndex {
  stats::Estimate first;  ///< S_i = V(E[Y | X_i]) / V(Y)
  stats::Estimate total;  ///< S_Ti = E[V(Y | X_~i)] / V(Y)
};

/// Sobol indices of every factor from a pick-freeze sample.
struct SobolIndices {
  double mean = 0.0;      ///< of Y over the rows of A and B
  double variance = 0.0;  ///< of Y over the rows of A and B (divisor 2N)
  std::vector<SobolIndex> factors;
  stats::Estimate first_sum;  ///< Σ S_i: 1 − (its value) is the share of variance in interactions
};

/// Sobol indices from Saltelli's pick-freeze design (Saltelli et al. 2010, "Variance based
/// sensitivity analysis of model output", table 2): y_a[p] and y_b[p] are Y at row p of two
/// independent input matrices A and B (N rows), y_ab[i][p] is Y at row p of A with factor
/// i's inputs taken from B. With y centred by the mean over A and B and V their variance,
///   S_i  = mean_p( y_b (y_ab[i] − y_a) ) / V                     (Saltelli 2010, (b))
///   S_Ti = mean_p( (y_a − y_ab[i])² ) / (2V)                      (Jansen 1999, (f))
/// Both are ratios of means of per-row terms; each standard error is the delta method's:
/// sd_p(x_p − R·w_p) / (mean(w)·√N), with x_p the numerator's term, w_p = (a_p² + b_p²)/2
/// the variance's and R the ratio. Σ S_i likewise, from the sum of the terms. Values and
/// errors are NaN when V is 0 or N < 2. Every vector must have the same length N.
SobolIndices sobol_indices(std::span<const double> y_a, std::span<const double> y_b,
                           const std::vector<std::vector<double>>& y_ab);

/// Sobol indices of f over k independent factors, each uniform on (0, 1), from N rows of
/// A and B: their uniforms come from the generator (ARS-5) under `seed` (A: rows 0..N−1, B: rows
/// N..2N−1), then sobol_indices. f is called (k + 2)·N times with a point of k coordinates.
SobolIndices sobol_indices_of(const std::function<double(std::span<const double>)>& f,
                              std::size_t k, std::size_t n, std::uint64_t seed);

}  // namespace spendcast::analysis
