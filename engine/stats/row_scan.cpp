#include "stats/row_scan.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "util/vector_lanes.hpp"

namespace spendcast::stats {

namespace {
using util::vec::Doubles;
using util::vec::load;
using util::vec::splat;
constexpr std::size_t lanes = util::vec::width;
}  // namespace

RowScan scan_row(std::span<const double> values) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t n = values.size();
  const double* x = values.data();
  Doubles lo0 = splat(inf), lo1 = lo0, hi0 = splat(-inf), hi1 = hi0;
  Doubles bad0 = {}, bad1 = {};
  const Doubles zero = {};
  std::size_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const Doubles a = load(x + i) + zero, b = load(x + i + lanes) + zero;  // -0 becomes +0
    lo0 = a < lo0 ? a : lo0;
    lo1 = b < lo1 ? b : lo1;
    hi0 = a > hi0 ? a : hi0;
    hi1 = b > hi1 ? b : hi1;
    bad0 += a - a;  // NaN for NaN and +-inf, else 0
    bad1 += b - b;
  }
  RowScan scan{inf, -inf, true};
  double bad = 0.0;
  for (std::size_t l = 0; l < lanes; ++l) {
    scan.min = std::min({scan.min, lo0[l], lo1[l]});
    scan.max = std::max({scan.max, hi0[l], hi1[l]});
    bad += bad0[l] + bad1[l];
  }
  for (; i < n; ++i) {
    const double v = x[i] + 0.0;
    scan.min = std::min(scan.min, v);
    scan.max = std::max(scan.max, v);
    bad += v - v;
  }
  scan.all_finite = bad == 0.0;
  return scan;
}

}  // namespace spendcast::stats
