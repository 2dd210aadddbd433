#include "random/box_muller.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <numbers>

#include "random/uniform.hpp"

namespace spendcast::random {

namespace {

/// (−1)^k / (2k + offset)!, exact factorials (below 2^53) rounded once.
constexpr double taylor_coefficient(int k, int offset) {
  double factorial = 1.0;
  for (int j = 2; j <= 2 * k + offset; ++j) factorial *= j;
  return (k % 2 == 0 ? 1.0 : -1.0) / factorial;
}

/// Horner in z = α² of the series sin α = α Σ_k (−1)^k z^k / (2k+1)! and
/// cos α = Σ_k (−1)^k z^k / (2k)!, k ≥ 1 (the leading α and 1 are added last, which
/// keeps the rounding error near an ulp). On [0, π/4] the first omitted terms (α^19/19!,
/// α^18/18!) are below 1e-17.
constexpr int terms = 8;  // k = 1..8: up to α^17 and α^16

struct Series {
  double sin[terms], cos[terms];  // [k − 1]: the coefficient of z^(k−1) in the tails
};
constexpr Series series = [] {
  Series s{};
  for (int k = 1; k <= terms; ++k) {
    s.sin[k - 1] = taylor_coefficient(k, 1);
    s.cos[k - 1] = taylor_coefficient(k, 0);
  }
  return s;
}();

// Eigen's packet functions (SIMD registers of `width` doubles: 4 with AVX2) rather than
// Eigen arrays, whose select() Eigen 3.4 evaluates one value at a time.
namespace ei = Eigen::internal;
using Packet = ei::packet_traits<double>::type;
constexpr std::size_t width = sizeof(Packet) / sizeof(double);

[[gnu::always_inline]] inline Packet horner(const double (&c)[terms], const Packet& z) {
  Packet acc = ei::pset1<Packet>(c[terms - 1]);
  for (int k = terms - 2; k >= 0; --k) acc = ei::pmadd(acc, z, ei::pset1<Packet>(c[k]));
  return acc;
}

/// Box–Muller on one register. The angle 2πv is reduced exactly: t = 4v splits into the
/// quadrant q = ⌊t⌋ and f = t − q (both exact); in the upper half of the quadrant the
/// complement 1 − f (exact) is used with sine and cosine exchanged, so the series only
/// ever sees α = g·π/2 in [0, π/4].
[[gnu::always_inline]] inline void box_muller_packet(const Packet& u, const Packet& v, Packet& z0,
                                                     Packet& z1) {
  const Packet one = ei::pset1<Packet>(1.0);
  const Packet r = ei::psqrt(ei::pmul(ei::pset1<Packet>(-2.0), ei::plog(u)));
  const Packet t = ei::pmul(ei::pset1<Packet>(4.0), v);
  const Packet q = ei::pfloor(t);
  const Packet f = ei::psub(t, q);
  const Packet upper = ei::pcmp_lt(ei::pset1<Packet>(0.5), f);
  const Packet alpha =
      ei::pmul(ei::pselect(upper, ei::psub(one, f), f), ei::pset1<Packet>(0.5 * std::numbers::pi));
  const Packet z = ei::pmul(alpha, alpha);
  const Packet sin_alpha = ei::padd(alpha, ei::pmul(alpha, ei::pmul(z, horner(series.sin, z))));
  const Packet cos_alpha = ei::padd(one, ei::pmul(z, horner(series.cos, z)));
  // sin and cos of β = f·π/2, the angle within the quadrant.
  const Packet sin_beta = ei::pselect(upper, cos_alpha, sin_alpha);
  const Packet cos_beta = ei::pselect(upper, sin_alpha, cos_alpha);
  // Rotate by q quarter turns: (cos, sin) of qπ/2 + β. Odd q exchanges the two, q in
  // {1, 2} negates the cosine, q ≥ 2 the sine.
  const Packet half_q = ei::pmul(ei::pset1<Packet>(0.5), q);
  const Packet odd = ei::pcmp_lt(ei::pfloor(half_q), half_q);
  const Packet x = ei::pselect(odd, sin_beta, cos_beta);
  const Packet y = ei::pselect(odd, cos_beta, sin_beta);
  const Packet negate_x = ei::pcmp_lt(ei::pabs(ei::psub(q, ei::pset1<Packet>(1.5))), one);
  const Packet negate_y = ei::pcmp_le(ei::pset1<Packet>(2.0), q);
  z0 = ei::pmul(r, ei::pselect(negate_x, ei::pnegate(x), x));
  z1 = ei::pmul(r, ei::pselect(negate_y, ei::pnegate(y), y));
}

}  // namespace

void box_muller(const double* u, const double* v, double* z0, double* z1, std::size_t n) {
  Packet a, b, c, d;
  std::size_t i = 0;
  // Two registers per iteration: independent chains keep the divider and the square
  // root unit busy.
  for (; i + 2 * width <= n; i += 2 * width) {
    box_muller_packet(ei::ploadu<Packet>(u + i), ei::ploadu<Packet>(v + i), a, b);
    box_muller_packet(ei::ploadu<Packet>(u + i + width), ei::ploadu<Packet>(v + i + width), c, d);
    ei::pstoreu(z0 + i, a);
    ei::pstoreu(z1 + i, b);
    ei::pstoreu(z0 + i + width, c);
    ei::pstoreu(z1 + i + width, d);
  }
  for (; i + width <= n; i += width) {
    box_muller_packet(ei::ploadu<Packet>(u + i), ei::ploadu<Packet>(v + i), a, b);
    ei::pstoreu(z0 + i, a);
    ei::pstoreu(z1 + i, b);
  }
  if (i < n) {  // a short last register: padded, computed alike, `n − i` values kept
    const std::size_t count = n - i;
    double pu[width], pv[width], pa[width], pb[width];
    std::fill(pu, pu + width, 0.5);
    std::fill(pv, pv + width, 0.5);
    std::copy_n(u + i, count, pu);
    std::copy_n(v + i, count, pv);
    box_muller_packet(ei::ploadu<Packet>(pu), ei::ploadu<Packet>(pv), a, b);
    ei::pstoreu(pa, a);
    ei::pstoreu(pb, b);
    std::copy_n(pa, count, z0 + i);
    std::copy_n(pb, count, z1 + i);
  }
}

NormalPair normal_pair(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw) {
  const UniformPair u = uniform_pair(key, path, step, draw);
  NormalPair z;
  box_muller(&u.first, &u.second, &z.first, &z.second, 1);
  return z;
}

void fill_normal_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                       std::uint32_t draw, double* first, double* second) {
  fill_uniform_pairs(key, first_path, n, step, draw, first, second);
  box_muller(first, second, first, second, n);
}

}  // namespace spendcast::random
