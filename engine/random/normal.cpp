#include "random/normal.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>

namespace spendcast::random {

namespace {

// Coefficients of AS 241 (Wichura 1988, Applied Statistics 37, 477-484), PPND16.
// Central region |u - 1/2| <= 0.425: z = q A(r) / B(r), r = 0.180625 - q^2.
constexpr double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                         1.9715909503065514427e+3, 1.3731693765509461125e+4,
                         4.5921953931549871457e+4, 6.7265770927008700853e+4,
                         3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr double b[8] = {1.0,
                         4.2313330701600911252e+1,
                         6.8718700749205790830e+2,
                         5.3941960214247511077e+3,
                         2.1213794301586595867e+4,
                         3.9307895800092710610e+4,
                         2.8729085735721942674e+4,
                         5.2264952788528545610e+3};
// Intermediate tail, r = sqrt(-log(min(u, 1-u))) <= 5: z = C(r - 1.6) / D(r - 1.6).
constexpr double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                         5.76949722146069140550e0,  3.64784832476320460504e0,
                         1.27045825245236838258e0,  2.41780725177450611770e-1,
                         2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr double d[8] = {1.0,
                         2.05319162663775882187e0,
                         1.67638483018380384940e0,
                         6.89767334985100004550e-1,
                         1.48103976427480074590e-1,
                         1.51986665636164571966e-2,
                         5.47593808499534494600e-4,
                         1.05075007164441684324e-9};
// Far tail, r > 5: z = E(r - 5) / F(r - 5).
constexpr double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                         1.78482653991729133580e0,  2.96560571828504891230e-1,
                         2.65321895265761230930e-2, 1.24266094738807843860e-3,
                         2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr double f[8] = {1.0,
                         5.99832206555887937690e-1,
                         1.36929880922735805310e-1,
                         1.48753612908506148525e-2,
                         7.86869131145613259100e-4,
                         1.84631831751005468180e-5,
                         1.42151175831644588870e-7,
                         2.04426310338993978564e-15};

/// Lanes of the tails computed together: every value goes through the same
/// SIMD code whatever its position or the array's alignment, so results are bitwise
/// independent of block size and layout (Eigen would otherwise finish an unaligned or
/// odd-sized array with scalar std:: calls that round differently).
constexpr std::size_t batch_lanes = 8;

/// A fixed-size chunk of lanes, aligned by Eigen and fully vectorised (its log and sqrt are
/// Eigen's packet functions: part of every θ draw in the tails, so kept bit for bit).
using LaneArray = Eigen::Array<double, batch_lanes, 1>;

/// Applies `f` (LaneArray -> LaneArray) to in[0..n) and writes out[0..n). A short last
/// chunk is padded with `pad` (a value `f` accepts), computed, and only n values copied.
/// `in` and `out` may be the same array.
template <class F>
void for_each_lane_chunk(const double* in, double* out, std::size_t n, double pad, F&& f) {
  LaneArray chunk;
  std::size_t i = 0;
  for (; i + batch_lanes <= n; i += batch_lanes) {
    std::memcpy(chunk.data(), in + i, sizeof(double) * batch_lanes);
    const LaneArray r = f(chunk);
    std::memcpy(out + i, r.data(), sizeof(double) * batch_lanes);
  }
  if (i < n) {
    chunk.setConstant(pad);
    std::memcpy(chunk.data(), in + i, sizeof(double) * (n - i));
    const LaneArray r = f(chunk);
    std::memcpy(out + i, r.data(), sizeof(double) * (n - i));
  }
}

/// Horner evaluation of a degree-7 polynomial (plain arithmetic: inlined, vectorised).
inline double horner(const double (&p)[8], double x) {
  double acc = p[7];
  for (int k = 6; k >= 0; --k) acc = acc * x + p[k];
  return acc;
}

/// Tails |u − 1/2| > 0.425 on SIMD lanes: r = sqrt(−log(min(u, 1−u))), then the near
/// (r ≤ 5) or far rational function, both evaluated and one selected.
LaneArray tail_lanes(const LaneArray& u) {
  const LaneArray r = (-(u.min(1.0 - u)).log()).sqrt();
  LaneArray near_tail, far_tail;
  for (std::size_t k = 0; k < batch_lanes; ++k) {
    near_tail[k] = horner(c, r[k] - 1.6) / horner(d, r[k] - 1.6);
    far_tail[k] = horner(e, r[k] - 5.0) / horner(f, r[k] - 5.0);
  }
  const LaneArray magnitude = (r <= 5.0).select(near_tail, far_tail);
  return (u < 0.5).select(-magnitude, magnitude);
}

/// Values per pass: the tails of a pass are gathered on the stack.
constexpr std::size_t pass = 512;

}  // namespace

void normal_quantiles(const double* u, double* z, std::size_t n) {
  // The central region (85 % of draws) is a vectorised loop over the whole pass; the
  // tails are gathered, computed on lanes, and scattered back. Each value's result
  // depends only on the value, never on its neighbours or position.
  double tail_u[pass], tail_z[pass];
  std::uint32_t tail_at[pass];
  for (std::size_t begin = 0; begin < n; begin += pass) {
    const std::size_t count = std::min(pass, n - begin);
    const double* in = u + begin;
    double* out = z + begin;
    std::size_t tails = 0;
    for (std::size_t i = 0; i < count; ++i) {
      tail_at[tails] = static_cast<std::uint32_t>(i);
      tails += std::fabs(in[i] - 0.5) > 0.425;
    }
    for (std::size_t k = 0; k < tails; ++k) tail_u[k] = in[tail_at[k]];
    for (std::size_t i = 0; i < count; ++i) {
      const double q = in[i] - 0.5;
      const double r = 0.180625 - q * q;
      out[i] = q * horner(a, r) / horner(b, r);
    }
    for_each_lane_chunk(tail_u, tail_z, tails, 0.25, tail_lanes);
    for (std::size_t k = 0; k < tails; ++k) out[tail_at[k]] = tail_z[k];
  }
}

double normal_quantile(double u) {
  double z = 0.0;
  normal_quantiles(&u, &z, 1);
  return z;
}

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

}  // namespace spendcast::random
