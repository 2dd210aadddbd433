#include "scenario/dist_cdf.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <stdexcept>

namespace spendcast::scenario {

namespace {

namespace bm = boost::math;

using Policy = DoublePolicy;
using Normal = bm::normal_distribution<double, Policy>;
using LogNormal = bm::lognormal_distribution<double, Policy>;
using Triangular = bm::triangular_distribution<double, Policy>;
using Beta = bm::beta_distribution<double, Policy>;

}  // namespace

std::pair<double, double> pert_shape(const DistSpec& s) {
  const double width = s.max - s.min;
  return {1.0 + 4.0 * (s.mode - s.min) / width, 1.0 + 4.0 * (s.max - s.mode) / width};
}

double continuous_cdf(const DistSpec& s, double x) {
  using K = DistSpec::Kind;
  switch (s.kind) {
    case K::constant:
      return x >= s.value ? 1.0 : 0.0;
    case K::normal:
      return bm::cdf(Normal(s.mean, s.sd), x);
    case K::lognormal:
      return x <= 0 ? 0.0 : bm::cdf(LogNormal(s.mu, s.sigma), x);
    case K::uniform:
      return std::clamp((x - s.min) / (s.max - s.min), 0.0, 1.0);
    case K::triangular:
      return bm::cdf(Triangular(s.min, s.mode, s.max), std::clamp(x, s.min, s.max));
    case K::pert:
    case K::beta: {
      const auto [alpha, beta] = s.kind == K::pert ? pert_shape(s) : std::pair{s.alpha, s.beta};
      const double t = std::clamp((x - s.min) / (s.max - s.min), 0.0, 1.0);
      return bm::cdf(Beta(alpha, beta), t);
    }
    case K::discrete:
      break;
  }
  throw std::logic_error("continuous_cdf: a discrete distribution");
}

}  // namespace spendcast::scenario
