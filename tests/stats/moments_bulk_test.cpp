// The bulk path of Moments (the vector window kernel plus the exponent bins for what lies
// below the window) against the one-value-at-a-time path on adversarial rows: the exact
// sums must be equal whatever the row.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "stats/moments.hpp"
#include "stats/window_sums.hpp"

namespace spendcast::stats {
namespace {

constexpr double max_double = std::numeric_limits<double>::max();
constexpr double min_subnormal = std::numeric_limits<double>::denorm_min();
constexpr double max_subnormal = 0x1p-1022 - 0x1p-1074;

void expect_bulk_equals_single(const std::vector<double>& x) {
  Moments bulk, single;
  bulk.add(x);
  for (const double v : x) single.add(v);
  ASSERT_TRUE(bulk == single) << "row of " << x.size() << " values";
  EXPECT_EQ(bulk.to_json().dump(), single.to_json().dump());
}

// Values of every sign around the edges of the window below `top` (a power of two).
std::vector<double> window_edges(double top, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_real_distribution<double> u(1.0, 2.0);
  const int w = WindowSums::window_binades;
  std::vector<double> x;
  x.push_back(top * (2.0 - 0x1p-52));  // the largest, fixes the window
  while (x.size() < n) {
    const int k = pick(rng);
    double v = 0.0;
    switch (k) {
      case 0:
        v = std::ldexp(2.0 - 0x1p-52, std::ilogb(top) - (w - 1));
        break;  // lowest in
      case 1:
        v = std::ldexp(1.0, std::ilogb(top) - (w - 1));
        break;
      case 2:
        v = std::ldexp(2.0 - 0x1p-52, std::ilogb(top) - w);
        break;  // highest below
      case 3:
        v = std::ldexp(u(rng), std::ilogb(top) - w - 70);
        break;  // far below
      case 4:
        v = 0.0;
        break;
      case 5:
        v = -0.0;
        break;
      case 6:
        v = min_subnormal;
        break;
      default:
        v = std::ldexp(u(rng), std::ilogb(top) - static_cast<int>(rng() % 12));
        break;
    }
    x.push_back(rng() % 2 == 0 ? v : -v);
  }
  return x;
}

TEST(MomentsBulk, WindowEdgesAtManyScales) {
  for (const double top : {1.0, 0x1p-1000, 0x1p-1060, 1e-300, 1e300, 0x1p1000, 3.5e7}) {
    for (const std::size_t n : {1u, 2u, 3u, 4u, 5u, 7u, 9u, 2047u, 2048u, 2049u, 4097u, 5003u}) {
      expect_bulk_equals_single(window_edges(top, n, n));
    }
  }
}

TEST(MomentsBulk, ZerosSubnormalsAndTheLargestDoubles) {
  expect_bulk_equals_single({0.0});
  expect_bulk_equals_single({-0.0, 0.0, -0.0});
  expect_bulk_equals_single({min_subnormal});
  expect_bulk_equals_single({min_subnormal, -max_subnormal, 0x1p-1022, -0.0, 0x1p-1070});
  expect_bulk_equals_single({max_double, -max_double, max_double, min_subnormal, 1.0});
  expect_bulk_equals_single({1e308, 1e-308, -1e200, 1e-200, 0.0, 5e-324});
  std::vector<double> subnormals;
  for (int i = 0; i < 5000; ++i) subnormals.push_back((i % 2 ? -1 : 1) * i * min_subnormal);
  expect_bulk_equals_single(subnormals);
}

TEST(MomentsBulk, LargestSignificandsFillTheLanes) {
  // 2^53 - 1 at the top of the window, 2^11 values per kernel call: the 64-bit lane sums
  // are at their largest.
  for (const double sign : {1.0, -1.0}) {
    std::vector<double> x(3 * WindowSums::max_values + 1, sign * (0x1p11 - 0x1p-41));
    expect_bulk_equals_single(x);
  }
}

TEST(MomentsBulk, RandomWideRows) {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(-2.0, 2.0);
  for (const int spread : {1, 5, 11, 12, 40, 80, 2000}) {
    std::uniform_int_distribution<int> e(-spread / 2, spread / 2);
    std::vector<double> x(6000);
    for (double& v : x) v = std::ldexp(u(rng), e(rng));
    expect_bulk_equals_single(x);
  }
}

TEST(MomentsBulk, KernelVectorLanesMatchTheScalarTail) {
  // The same values through one call (four per vector step) and one call per value (the
  // scalar path): equal partial sums and the same leftovers.
  const std::vector<double> x = window_edges(0x1p20, 2048, 5);
  const int base = 1023 + 20 - (WindowSums::window_binades - 1);
  WindowSums whole, one_by_one;
  std::vector<double> left_whole(x.size()), left_single(x.size());
  const std::size_t n_whole = add_window_sums(x.data(), x.size(), base, whole, left_whole.data());
  std::size_t n_single = 0;
  for (const double& v : x) {
    n_single += add_window_sums(&v, 1, base, one_by_one, left_single.data() + n_single);
  }
  ASSERT_EQ(n_whole, n_single);
  EXPECT_GT(n_whole, 0u);
  for (std::size_t i = 0; i < n_whole; ++i) EXPECT_EQ(left_whole[i], left_single[i]);
  EXPECT_EQ(whole.low, one_by_one.low);
  EXPECT_EQ(whole.high, one_by_one.high);
  EXPECT_EQ(whole.negatives, one_by_one.negatives);
  EXPECT_GT(whole.negatives, 0u);
  for (int k = 0; k < 6; ++k) EXPECT_EQ(whole.products[k], one_by_one.products[k]);
}

TEST(MomentsBulk, NonFiniteRowsAddNothing) {
  for (const double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity()}) {
    std::vector<double> x(5000, 1.5);
    x[4321] = bad;
    Moments m;
    m.add(std::vector<double>{2.0});
    const Moments before = m;
    EXPECT_THROW(m.add(x), std::invalid_argument);
    EXPECT_TRUE(m == before);
  }
}

}  // namespace
}  // namespace spendcast::stats
