// The vector-extension kernels of stats/lanes.cpp and stats/row_scan.cpp against their
// reference twins, plain scalar loops written here: for every length up to a few vectors
// and every offset (so that each value falls once in a vector body and once in a scalar
// tail), on values with ties, zeros of both signs, infinities and NaNs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "stats/lanes.hpp"
#include "stats/row_scan.hpp"

namespace spendcast::stats {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Values drawn from a small set, so that ties and equal-to-threshold cases are common.
std::vector<double> awkward_values(std::size_t n, unsigned seed, bool with_non_finite) {
  const double finite[] = {-2.0, -1.0, -0.0, 0.0, 0.5, 1.0, 1.0, 3.0, -1e-300, 1e300};
  std::mt19937 rng(seed);
  std::vector<double> v(n);
  for (double& x : v) {
    const auto pick = rng() % 12;
    x = pick < 10 ? finite[pick] : !with_non_finite ? 2.0 : pick == 10 ? inf : nan;
  }
  return v;
}

constexpr std::size_t longest = 41;  // more than two double-width vectors plus a tail

TEST(LanesReferenceTwins, CountsEqualTheScalarLoops) {
  for (std::size_t n = 0; n <= longest; ++n) {
    const auto a = awkward_values(n, 1 + static_cast<unsigned>(n), true);
    const auto b = awkward_values(n, 100 + static_cast<unsigned>(n), true);
    std::uint64_t at_least = 0, greater = 0, nonzero = 0, equal = 0;
    std::vector<std::int64_t> index(n);
    for (std::size_t i = 0; i < n; ++i) {
      index[i] = static_cast<std::int64_t>(i % 3);
      at_least += a[i] >= 1.0;
      greater += a[i] > b[i];
      nonzero += a[i] != 0.0;
      equal += index[i] == 1;
    }
    EXPECT_EQ(count_at_least(a.data(), n, 1.0), at_least) << n;
    EXPECT_EQ(count_greater(a.data(), b.data(), n), greater) << n;
    EXPECT_EQ(count_nonzero(a.data(), n), nonzero) << n;
    EXPECT_EQ(count_equal(index.data(), n, 1), equal) << n;
  }
}

TEST(LanesReferenceTwins, ArgmaxAndSmallestMagnitudesEqualTheScalarLoops) {
  for (std::size_t n = 0; n <= longest; ++n) {
    const auto s = awkward_values(n, 7 + static_cast<unsigned>(n), false);
    std::vector<double> best(n, 0.5), best_ref(n, 0.5);
    std::vector<std::int64_t> index(n, -1), index_ref(n, -1);
    update_argmax(s.data(), n, 4, best.data(), index.data());
    for (std::size_t i = 0; i < n; ++i)
      if (s[i] > best_ref[i]) {
        best_ref[i] = s[i];
        index_ref[i] = 4;
      }
    EXPECT_EQ(index, index_ref) << n;
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(std::signbit(best[i]), std::signbit(best_ref[i])) << n;
    EXPECT_EQ(best, best_ref) << n;

    double positive = 0, negative = 0, positive_ref = inf, negative_ref = inf;
    smallest_magnitudes(s.data(), n, 0.75, positive, negative);
    for (const double x : s) {
      if (x >= 0.75) positive_ref = std::min(positive_ref, x);
      if (-x >= 0.75) negative_ref = std::min(negative_ref, -x);
    }
    EXPECT_EQ(positive, positive_ref) << n;
    EXPECT_EQ(negative, negative_ref) << n;
  }
}

TEST(LanesReferenceTwins, RowScanEqualsTheScalarLoopAtEveryOffset) {
  const auto values = awkward_values(longest + 8, 3, false);
  for (std::size_t offset = 0; offset < 8; ++offset)
    for (std::size_t n = 0; offset + n <= values.size(); ++n) {
      const std::span<const double> row(values.data() + offset, n);
      double lo = inf, hi = -inf;
      for (const double x : row) {
        lo = std::min(lo, x + 0.0);  // −0 counts as +0
        hi = std::max(hi, x + 0.0);
      }
      const RowScan scan = scan_row(row);
      EXPECT_EQ(scan.min, lo) << offset << " " << n;
      EXPECT_EQ(scan.max, hi) << offset << " " << n;
      EXPECT_FALSE(std::signbit(scan.min) && scan.min == 0.0) << offset << " " << n;
      EXPECT_TRUE(scan.all_finite) << offset << " " << n;
    }
  // A non-finite value is seen wherever it sits.
  for (const double bad : {inf, -inf, nan})
    for (std::size_t at = 0; at <= longest; ++at) {
      std::vector<double> row(longest + 1, 1.0);
      row[at] = bad;
      EXPECT_FALSE(scan_row(row).all_finite) << bad << " at " << at;
    }
}

}  // namespace
}  // namespace spendcast::stats
