#pragma once

#include <boost/math/policies/policy.hpp>
#include <utility>

#include "scenario/spec.hpp"

namespace spendcast::scenario {

/// Boost.Math in double precision throughout: Boost's default promotes double to long
/// double inside the special functions, which makes the beta functions several times
/// slower for no accuracy that a Monte Carlo draw needs.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// The Beta(alpha, beta) shapes of PERT(min, mode, max) on [min, max], with lambda = 4:
/// alpha = 1 + 4 (mode - min) / (max - min), beta = 1 + 4 (max - mode) / (max - min).
std::pair<double, double> pert_shape(const DistSpec& pert);

/// P(X <= x) before truncation, for a valid distribution of any kind but discrete (whose
/// step function each caller evaluates over its own table of values); std::logic_error
/// for a discrete one. Boost.Math in double precision throughout (no promotion to long
/// double): the one CDF that validation (truncate's mass, a ceiling below spend) and the
/// model's truncated draws (model/distribution.hpp) both use, so that what validate
/// accepts is what the model computes.
double continuous_cdf(const DistSpec& d, double x);

}  // namespace spendcast::scenario
