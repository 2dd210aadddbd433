#pragma once

#include <functional>
#include <vector>

namespace spendcast::model {

/// A fast, accurate stand-in for an expensive quantile function Q (Boost's beta inverse,
/// an iterative root search per value; docs/PERFORMANCE.md times both): Q is tabulated at
/// 4097 knots evenly spaced in t = logit(u) over [logit(2^-20), logit(1 − 2^-20)] and
/// interpolated by cubic Hermite splines with the exact slopes dQ/dt = u(1 − u)/f(Q(u)).
/// In t, a quantile function's power-law ends become smooth, so the interpolation error
/// stays below 1e-11 of the support's width (a test measures it against Boost); outside
/// the table (u < 2^-20 or u > 1 − 2^-20, one draw in half a million) Q itself is called.
class QuantileTable {
 public:
  /// Tabulates `quantile` (u → x) with its density `pdf` (x → f(x) > 0 inside).
  QuantileTable(std::function<double(double)> quantile, std::function<double(double)> pdf);

  /// Q(u) for u in (0, 1).
  double operator()(double u) const;

 private:
  std::function<double(double)> quantile_;
  double t_min_ = 0.0, t_step_ = 0.0;
  std::vector<double> x_;      ///< Q at the knots
  std::vector<double> slope_;  ///< dQ/dt at the knots
};

}  // namespace spendcast::model
