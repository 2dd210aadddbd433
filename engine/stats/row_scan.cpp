#include "stats/row_scan.hpp"

#include <algorithm>
#include <limits>

namespace spendcast {

RowScan scan_row(std::span<const double> values) {
  constexpr std::size_t lanes = 8;
  constexpr double inf = std::numeric_limits<double>::infinity();
  double lo[lanes], hi[lanes], bad[lanes];
  std::fill(lo, lo + lanes, inf);
  std::fill(hi, hi + lanes, -inf);
  std::fill(bad, bad + lanes, 0.0);
  const std::size_t n = values.size();
  const double* x = values.data();
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    for (std::size_t l = 0; l < lanes; ++l) {
      const double v = x[i + l] + 0.0;  // -0 becomes +0
      lo[l] = v < lo[l] ? v : lo[l];
      hi[l] = v > hi[l] ? v : hi[l];
      bad[l] += v - v;  // NaN for NaN and +-inf, else 0
    }
  }
  for (; i < n; ++i) {
    const double v = x[i] + 0.0;
    lo[0] = v < lo[0] ? v : lo[0];
    hi[0] = v > hi[0] ? v : hi[0];
    bad[0] += v - v;
  }
  RowScan scan{inf, -inf, true};
  for (std::size_t l = 0; l < lanes; ++l) {
    scan.min = std::min(scan.min, lo[l]);
    scan.max = std::max(scan.max, hi[l]);
    scan.all_finite = scan.all_finite && bad[l] == 0.0;
  }
  return scan;
}

}  // namespace spendcast
