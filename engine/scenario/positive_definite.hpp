#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace spendcast::scenario {

/// One off-diagonal entry of a correlation matrix: rows i and j (i != j) and rho.
struct MatrixPair {
  std::size_t i = 0;  ///< row
  std::size_t j = 0;  ///< column
  double rho = 0.0;   ///< the correlation, in [-1, 1]
};

/// True when the n x n correlation matrix with `base` off the diagonal, then `pairs`
/// set symmetrically, is positive definite: Eigen's LLT succeeds with every pivot
/// above 1e-12 (a matrix that is only semi-definite, rho = 1, is refused).
bool is_positive_definite(std::size_t n, double base, const std::vector<MatrixPair>& pairs);

/// When the matrix is not positive definite, the pairs that break it: the first pair
/// (in order) whose addition makes it fail, together with the earlier pairs without
/// which it would not fail, in their order; empty when `base` alone already fails.
/// std::nullopt when the matrix is positive definite.
std::optional<std::vector<std::size_t>> conflicting_pairs(std::size_t n, double base,
                                                          const std::vector<MatrixPair>& pairs);

}  // namespace spendcast::scenario
