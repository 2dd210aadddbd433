// The bulk paths of QuantileSketch (one sign; the general path with its vectorised
// counter addresses and local counters for the zero bucket and the largest key) against
// one value at a time, on adversarial rows: equal counts, bitwise.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "stats/quantile_sketch.hpp"
#include "stats/sketch_counters.hpp"

namespace spendcast::stats {
namespace {

void expect_bulk_equals_single(const std::vector<double>& x, double accuracy = 1e-3) {
  QuantileSketch bulk(accuracy), single(accuracy);
  bulk.add(x);
  for (const double v : x) single.add(v);
  ASSERT_TRUE(bulk == single) << "row of " << x.size() << " values";
  EXPECT_EQ(bulk.to_json().dump(), single.to_json().dump());
}

std::vector<double> mixed_row(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(1.0, 2.0);
  std::vector<double> x;
  while (x.size() < n) {
    double v = 0.0;
    switch (rng() % 9) {
      case 0:
        v = 0.0;
        break;
      case 1:
        v = -0.0;
        break;
      case 2:
        v = std::numeric_limits<double>::denorm_min();
        break;
      case 3:
        v = std::ldexp(u(rng), -41);
        break;  // tiny: the zero bucket
      case 4:
        v = QuantileSketch::zero_threshold;
        break;
      case 5:
        v = std::ldexp(u(rng), static_cast<int>(rng() % 2000) - 1000);
        break;
      case 6:
        v = std::numeric_limits<double>::max();
        break;
      default:
        v = std::ldexp(u(rng), static_cast<int>(rng() % 8));
        break;
    }
    x.push_back(rng() % 3 == 0 ? -v : v);
  }
  return x;
}

TEST(SketchBulk, MixedRowsOfEveryLength) {
  for (const std::size_t n : {1u, 2u, 3u, 4u, 5u, 511u, 512u, 513u, 4097u, 5003u}) {
    expect_bulk_equals_single(mixed_row(n, n));
    expect_bulk_equals_single(mixed_row(n, n + 1), 0.01);
  }
}

TEST(SketchBulk, IndicatorRowsAndRunsOfTheLargestKey) {
  std::mt19937_64 rng(3);
  std::vector<double> indicators(5000), runs(5000), negative_top(5000);
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    indicators[i] = rng() % 2 == 0 ? 1.0 : 0.0;
    runs[i] = i < 2500 ? 0.0 : (i % 7 == 0 ? 0.5 : 1.0 - 0x1p-40);  // same key as 1 - eps
    negative_top[i] = rng() % 2 == 0 ? -1.0 : 1.0;  // -1 must not count as the top key
  }
  expect_bulk_equals_single(indicators);
  expect_bulk_equals_single(runs);
  expect_bulk_equals_single(negative_top);
  expect_bulk_equals_single(std::vector<double>(4099, 0.0));
  expect_bulk_equals_single(std::vector<double>(4099, -3.0));
  expect_bulk_equals_single({0.0, -2.0});
}

TEST(SketchBulk, OneSignRowsWithAWideRange) {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(1.0, 2.0);
  for (const int spread : {1, 10, 40, 300}) {
    std::vector<double> x(4500);
    for (double& v : x) v = std::ldexp(u(rng), static_cast<int>(rng() % spread) - spread / 2);
    expect_bulk_equals_single(x);
    for (double& v : x) v = -v;
    expect_bulk_equals_single(x);
  }
}

TEST(SketchBulk, CounterAddressesVectorLanesMatchTheScalarTail) {
  const std::vector<double> x = mixed_row(64, 11);
  SketchCounter local[8] = {};
  const SketchCounterMap map{43,
                             std::bit_cast<std::uint64_t>(QuantileSketch::zero_threshold),
                             QuantileSketch::key_of(2.5, 9),
                             0x100000,
                             0x900000,
                             local};
  std::vector<std::uintptr_t> whole(x.size());
  sketch_counter_addresses(x.data(), x.size(), map, whole.data());
  const auto local_at = reinterpret_cast<std::uintptr_t>(local);
  std::size_t locals = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uintptr_t one = 0;
    sketch_counter_addresses(&x[i], 1, map, &one);  // as value 0: local way 0
    // A local counter's way is the value's index modulo 4.
    const bool is_local = one - local_at < sizeof local;
    locals += is_local ? 1 : 0;
    EXPECT_EQ(whole[i], is_local ? one + (i & 3) * sizeof(SketchCounter) : one) << x[i];
  }
  EXPECT_GT(locals, 0u);
}

TEST(SketchBulk, NonFiniteRowsAddNothing) {
  for (const double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity()}) {
    std::vector<double> x = mixed_row(600, 2);
    x[555] = bad;
    QuantileSketch s;
    s.add(1.0);
    const QuantileSketch before = s;
    EXPECT_THROW(s.add(x), std::invalid_argument);
    EXPECT_TRUE(s == before);
  }
}

}  // namespace
}  // namespace spendcast::stats
