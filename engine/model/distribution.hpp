#pragma once

#include <limits>
#include <memory>
#include <vector>

#include "model/quantile_table.hpp"
#include "scenario/spec.hpp"

namespace spendcast::model {

/// A compiled distribution: quantile and CDF (Boost.Math; normal quantiles by AS 241, beta
/// and PERT ones tabulated), with truncation by
/// restricting u to [F(lo), F(hi)] before F⁻¹ (docs/MODEL.md §1): no rejection loop.
class Distribution {
 public:
  /// Compiles a validated DistSpec.
  explicit Distribution(const scenario::DistSpec& spec);

  /// F⁻¹(F(lo) + u·(F(hi) − F(lo))) for u in (0, 1); the constant for a constant.
  double quantile(double u) const;
  /// out[i] = quantile(u[i]) for i < n, bitwise equal to the one-value form; normal and
  /// lognormal kinds are vectorised (one AS 241 pass, one batched exp). `out` may be `u`.
  void quantiles(const double* u, double* out, std::size_t n) const;
  /// P(X <= x) of the (truncated) distribution.
  double cdf(double x) const;
  /// True when every draw gives the same value.
  bool is_constant() const { return spec_.kind == scenario::DistSpec::Kind::constant; }
  /// The constant's value (precondition: is_constant()).
  double constant() const { return spec_.value; }
  /// The spec it was compiled from.
  const scenario::DistSpec& spec() const { return spec_; }

 private:
  double raw_quantile(double u) const;  ///< untruncated F⁻¹
  double raw_cdf(double x) const;       ///< untruncated F

  scenario::DistSpec spec_;
  double u_lo_ = 0.0;                                     ///< F(lo) of the truncation (0 without)
  double u_hi_ = 1.0;                                     ///< F(hi) of the truncation (1 without)
  double lo_ = -std::numeric_limits<double>::infinity();  ///< support after truncation
  double hi_ = std::numeric_limits<double>::infinity();
  std::vector<double> sorted_values_;  ///< discrete: values ascending
  std::vector<double> cumulative_;     ///< discrete: P(X <= sorted_values_[k])
  /// beta and pert: Boost's iterative inverse, tabulated (see QuantileTable); shared by
  /// copies, immutable.
  std::shared_ptr<const QuantileTable> table_;
};

}  // namespace spendcast::model
