#include "model/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>
#include <numeric>

#include "random/normal.hpp"
#include "scenario/dist_cdf.hpp"
#include "util/batch_math.hpp"
#include "util/simd_math.hpp"

namespace spendcast::model {

namespace bm = boost::math;

using Policy = scenario::DoublePolicy;
using Triangular = bm::triangular_distribution<double, Policy>;
using Beta = bm::beta_distribution<double, Policy>;

Distribution::Distribution(const scenario::DistSpec& spec) : spec_(spec) {
  using K = scenario::DistSpec::Kind;
  if (spec_.kind == K::discrete) {
    std::vector<std::size_t> order(spec_.values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return spec_.values[a] < spec_.values[b];
    });
    const double total = std::accumulate(spec_.weights.begin(), spec_.weights.end(), 0.0);
    double running = 0.0;
    for (std::size_t k : order) {
      running += spec_.weights[k];
      sorted_values_.push_back(spec_.values[k]);
      cumulative_.push_back(running / total);
    }
    cumulative_.back() = 1.0;
  }
  if (spec_.kind == K::beta || spec_.kind == K::pert) {
    const auto [alpha, beta] =
        spec_.kind == K::pert ? scenario::pert_shape(spec_) : std::pair{spec_.alpha, spec_.beta};
    const Beta standard(alpha, beta);
    table_ = std::make_shared<const QuantileTable>(
        [standard](double u) { return bm::quantile(standard, u); },
        [standard](double x) { return x <= 0 || x >= 1 ? 0.0 : bm::pdf(standard, x); });
  }
  if (spec_.truncate && spec_.kind != K::constant) {
    const auto [lo, hi] = *spec_.truncate;
    lo_ = lo;
    hi_ = hi;
    // P(X < lo): for the discrete kind an atom at lo stays inside the range.
    if (spec_.kind == K::discrete) {
      auto it = std::lower_bound(sorted_values_.begin(), sorted_values_.end(), lo);
      u_lo_ = it == sorted_values_.begin() ? 0.0 : cumulative_[it - sorted_values_.begin() - 1];
    } else {
      u_lo_ = raw_cdf(lo);
    }
    u_hi_ = raw_cdf(hi);
  }
}

double Distribution::raw_quantile(double u) const {
  using K = scenario::DistSpec::Kind;
  const scenario::DistSpec& s = spec_;
  switch (s.kind) {
    case K::constant:
      return s.value;
    case K::normal:  // AS 241 (random/normal.hpp): as accurate as Boost's, several times cheaper
      return s.mean + s.sd * random::normal_quantile(u);
    case K::lognormal:  // simd::exp: the same bits as quantiles()' batched exp
      return util::simd::exp(s.mu + s.sigma * random::normal_quantile(u));
    case K::uniform:
      return s.min + u * (s.max - s.min);
    case K::triangular:
      return bm::quantile(Triangular(s.min, s.mode, s.max), u);
    case K::pert:
    case K::beta:
      return s.min + (s.max - s.min) * (*table_)(u);
    case K::discrete: {
      auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
      if (it == cumulative_.end()) --it;
      return sorted_values_[it - cumulative_.begin()];
    }
  }
  return s.value;
}

double Distribution::raw_cdf(double x) const {
  if (spec_.kind != scenario::DistSpec::Kind::discrete) return scenario::continuous_cdf(spec_, x);
  auto it = std::upper_bound(sorted_values_.begin(), sorted_values_.end(), x);
  return it == sorted_values_.begin() ? 0.0 : cumulative_[it - sorted_values_.begin() - 1];
}

double Distribution::quantile(double u) const {
  if (is_constant()) return spec_.value;
  const double v = raw_quantile(u_lo_ + u * (u_hi_ - u_lo_));
  return std::clamp(v, lo_, hi_);  // guards the last ulp of F⁻¹(F(bound)) only
}

void Distribution::quantiles(const double* u, double* out, std::size_t n) const {
  using K = scenario::DistSpec::Kind;
  const scenario::DistSpec& s = spec_;
  if (s.kind != K::normal && s.kind != K::lognormal) {
    for (std::size_t i = 0; i < n; ++i) out[i] = quantile(u[i]);
    return;
  }
  // The same operations as quantile() and raw_quantile(), one stage at a time.
  for (std::size_t i = 0; i < n; ++i) out[i] = u_lo_ + u[i] * (u_hi_ - u_lo_);
  random::normal_quantiles(out, out, n);
  if (s.kind == K::normal) {
    for (std::size_t i = 0; i < n; ++i) out[i] = s.mean + s.sd * out[i];
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = s.mu + s.sigma * out[i];
    util::batch_exp(out, out, n);
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = std::clamp(out[i], lo_, hi_);
}

double Distribution::cdf(double x) const {
  if (x < lo_) return 0.0;
  if (x >= hi_) return 1.0;
  return (raw_cdf(x) - u_lo_) / (u_hi_ - u_lo_);
}

}  // namespace spendcast::model
