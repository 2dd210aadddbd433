#include "analysis/sobol_indices.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "random/uniform.hpp"

namespace spendcast::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The ratio mean(x)/mean(w) with its delta-method standard error.
stats::Estimate ratio_estimate(const std::vector<double>& x, const std::vector<double>& w) {
  const std::size_t n = x.size();
  double sx = 0.0, sw = 0.0;
  for (std::size_t p = 0; p < n; ++p) {
    sx += x[p];
    sw += w[p];
  }
  const double mx = sx / static_cast<double>(n), mw = sw / static_cast<double>(n);
  if (!(mw > 0.0) || n < 2) return {nan, nan};
  const double r = mx / mw;
  double ss = 0.0;
  for (std::size_t p = 0; p < n; ++p) {
    const double z = x[p] - r * w[p];
    ss += z * z;
  }
  // z has mean 0 by construction of r: its variance with divisor n − 1.
  const double sd = std::sqrt(ss / static_cast<double>(n - 1));
  return {r, sd / (mw * std::sqrt(static_cast<double>(n)))};
}

}  // namespace

SobolIndices sobol_indices(std::span<const double> y_a, std::span<const double> y_b,
                           const std::vector<std::vector<double>>& y_ab) {
  const std::size_t n = y_a.size();
  if (y_b.size() != n)
    throw std::invalid_argument("sobol_indices: A and B have different numbers of rows");
  for (const auto& ab : y_ab)
    if (ab.size() != n)
      throw std::invalid_argument("sobol_indices: an AB matrix has a different number of rows");
  SobolIndices out;
  double sum = 0.0;
  for (std::size_t p = 0; p < n; ++p) sum += y_a[p] + y_b[p];
  out.mean = n ? sum / static_cast<double>(2 * n) : nan;
  std::vector<double> a(n), b(n), w(n), first_sum(n, 0.0), x(n), t(n);
  double sw = 0.0;
  for (std::size_t p = 0; p < n; ++p) {
    a[p] = y_a[p] - out.mean;
    b[p] = y_b[p] - out.mean;
    w[p] = 0.5 * (a[p] * a[p] + b[p] * b[p]);
    sw += w[p];
  }
  out.variance = n ? sw / static_cast<double>(n) : nan;
  for (const auto& ab : y_ab) {
    for (std::size_t p = 0; p < n; ++p) {
      const double c = ab[p] - out.mean;
      x[p] = b[p] * (c - a[p]);
      t[p] = 0.5 * (a[p] - c) * (a[p] - c);
      first_sum[p] += x[p];
    }
    out.factors.push_back({ratio_estimate(x, w), ratio_estimate(t, w)});
  }
  out.first_sum = y_ab.empty() ? stats::Estimate{0.0, 0.0} : ratio_estimate(first_sum, w);
  return out;
}

SobolIndices sobol_indices_of(const std::function<double(std::span<const double>)>& f,
                              std::size_t k, std::size_t n, std::uint64_t seed) {
  const random::StreamKey key = random::stream_key(seed, "sobol");
  // Row r's coordinate j: the first uniform of draw j at (path r, step 0).
  const auto row = [&](std::uint64_t r, std::vector<double>& x) {
    for (std::size_t j = 0; j < k; ++j)
      x[j] = random::uniform_pair(key, r, 0, static_cast<std::uint32_t>(j)).first;
  };
  std::vector<double> y_a(n), y_b(n), xa(k), xb(k), xab(k);
  std::vector<std::vector<double>> y_ab(k, std::vector<double>(n));
  for (std::size_t p = 0; p < n; ++p) {
    row(p, xa);
    row(n + p, xb);
    y_a[p] = f(xa);
    y_b[p] = f(xb);
    for (std::size_t i = 0; i < k; ++i) {
      xab = xa;
      xab[i] = xb[i];
      y_ab[i][p] = f(xab);
    }
  }
  return sobol_indices(y_a, y_b, y_ab);
}

}  // namespace spendcast::analysis
