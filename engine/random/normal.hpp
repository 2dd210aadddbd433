#pragma once

#include <cstddef>

namespace spendcast::random {

/// Standard normal quantiles z[i] = Φ⁻¹(u[i]) for u[i] in (0, 1), by Wichura's
/// algorithm AS 241 (PPND16: relative error about 1e-16 over the whole range) evaluated
/// branch-free on SIMD lanes with Eigen's vectorised log and sqrt. Monotone in u, so it
/// serves θ draws, Latin hypercube strata and the copula; the step loop's shocks, which
/// need no monotonicity, take the cheaper ziggurat (normal_pairs.hpp). `u` and `z` may be
/// the same array.
void normal_quantiles(const double* u, double* z, std::size_t n);

/// One standard normal quantile, bitwise equal to normal_quantiles' value for `u`.
double normal_quantile(double u);

/// The standard normal CDF Φ(z), accurate to a few ulps (0.5·erfc(−z/√2)).
double normal_cdf(double z);

}  // namespace spendcast::random
