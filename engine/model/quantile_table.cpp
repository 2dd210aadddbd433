#include "model/quantile_table.hpp"

#include <cmath>

namespace spendcast::model {

namespace {

constexpr int intervals = 4096;
constexpr double u_edge = 0x1p-20;

double logit(double u) {
  return std::log(u / (1.0 - u));
}

}  // namespace

QuantileTable::QuantileTable(std::function<double(double)> quantile,
                             std::function<double(double)> pdf)
    : quantile_(std::move(quantile)) {
  t_min_ = logit(u_edge);
  t_step_ = (logit(1.0 - u_edge) - t_min_) / intervals;
  x_.resize(intervals + 1);
  slope_.resize(intervals + 1);
  for (int k = 0; k <= intervals; ++k) {
    const double t = t_min_ + k * t_step_;
    const double u = 1.0 / (1.0 + std::exp(-t));
    x_[k] = quantile_(u);
    const double density = pdf(x_[k]);
    slope_[k] = density > 0 ? u * (1.0 - u) / density : 0.0;
  }
}

double QuantileTable::operator()(double u) const {
  if (u < u_edge || u > 1.0 - u_edge) return quantile_(u);
  const double s = (logit(u) - t_min_) / t_step_;
  int k = static_cast<int>(s);
  if (k >= intervals) k = intervals - 1;
  if (k < 0) k = 0;
  const double h = s - k;  // in [0, 1]
  // Cubic Hermite basis on the unit interval; slopes scaled by the knot spacing.
  const double h2 = h * h, h3 = h2 * h;
  const double x = (2 * h3 - 3 * h2 + 1) * x_[k] + (h3 - 2 * h2 + h) * t_step_ * slope_[k] +
                   (-2 * h3 + 3 * h2) * x_[k + 1] + (h3 - h2) * t_step_ * slope_[k + 1];
  // Monotone between knots for these smooth, increasing functions; keep it in range.
  return std::fmin(std::fmax(x, x_[k]), x_[k + 1]);
}

}  // namespace spendcast::model
