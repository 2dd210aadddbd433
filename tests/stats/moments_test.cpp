#include "stats/moments.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace spendcast::stats {
namespace {

TEST(Moments, MeanIsTheExactSumCorrectlyRounded) {
  // (1 + 1 + 2^-52 + 1 + 2^-52) / 3 = 1 + (2/3) 2^-52: nearest double 1 + 2^-52. Summing in
  // doubles first would give 3 and a mean of 1.
  Moments m;
  m.add(std::vector<double>{1.0, 1.0 + 0x1p-52, 1.0 + 0x1p-52});
  EXPECT_EQ(m.mean(), 1.0 + 0x1p-52);
  EXPECT_EQ(m.count(), 3u);
  EXPECT_EQ(m.min(), 1.0);
  EXPECT_EQ(m.max(), 1.0 + 0x1p-52);
}

TEST(Moments, VarianceSurvivesCancellation) {
  Moments m;
  m.add(std::vector<double>{1e15 + 1, 1e15 + 2, 1e15 + 3});
  EXPECT_EQ(m.mean(), 1e15 + 2);
  EXPECT_EQ(m.variance(), 1.0);
  EXPECT_EQ(m.sd(), 1.0);
  EXPECT_EQ(m.se(), 1.0 / std::sqrt(3.0));
  Moments constant;
  constant.add(std::vector<double>(1000, 0.1));
  EXPECT_EQ(constant.mean(), 0.1);
  EXPECT_EQ(constant.variance(), 0.0);
  Moments one;
  one.add(2.5);
  EXPECT_EQ(one.variance(), 0.0);
  EXPECT_EQ(one.mean(), 2.5);
  EXPECT_TRUE(std::isnan(Moments().mean()));
}

TEST(Moments, AgreesWithLongDoubleTwoPass) {
  std::mt19937_64 rng(11);
  std::lognormal_distribution<double> ln(2.0, 1.2);
  std::normal_distribution<double> normal(-3.0, 50.0);
  for (int kind = 0; kind < 2; ++kind) {
    std::vector<double> x(100000);
    for (double& v : x) v = kind == 0 ? ln(rng) : normal(rng);
    Moments m;
    m.add(x);
    long double sum = 0;
    for (const double v : x) sum += v;
    const long double mean = sum / x.size();
    long double ss = 0;
    for (const double v : x) ss += (v - mean) * (v - mean);
    const long double sd = std::sqrt(ss / (x.size() - 1));
    EXPECT_NEAR(m.mean(), static_cast<double>(mean), 1e-15 * std::fabs(static_cast<double>(mean)));
    EXPECT_NEAR(m.sd(), static_cast<double>(sd), 1e-15 * static_cast<double>(sd));
  }
}

TEST(Moments, BulkPathMatchesOneByOneOnWideRanges) {
  // Values spanning far more than the bulk path's 64-exponent window, with zeros,
  // negative zeros and subnormals: the exact sums must not depend on the path taken.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> e(-1070, 1000);
  std::vector<double> x;
  for (int i = 0; i < 3000; ++i) x.push_back(std::ldexp(u(rng), i % 5 == 0 ? e(rng) : 3));
  x.push_back(0.0);
  x.push_back(-0.0);
  x.push_back(0x1p-1074);
  x.push_back(-0x1p-1070);
  Moments bulk, single;
  bulk.add(x);
  for (const double v : x) single.add(v);
  EXPECT_TRUE(bulk == single);
  EXPECT_EQ(bulk.mean(), single.mean());
  EXPECT_EQ(bulk.variance(), single.variance());
}

TEST(Moments, BulkPathHandlesLongRowsOfMaximalSignificands) {
  // Every significand 2^53 - 1 and one exponent: the per-exponent partial sums are at
  // their largest; 50000 values cross many flushes.
  const double big = 2.0 - 0x1p-52;
  std::vector<double> x(50000, big);
  for (std::size_t i = 0; i < x.size(); i += 3) x[i] = -big;
  Moments bulk, single;
  bulk.add(x);
  for (const double v : x) single.add(v);
  EXPECT_TRUE(bulk == single);
  // 50000 values, 16667 of them negative: sum = 16666 big, sum of squares = 50000 big^2.
  EXPECT_DOUBLE_EQ(bulk.mean(), 16666.0 * big / 50000.0);
  ExactSum squares = ExactSum::for_squares();
  for (int i = 0; i < 50000; ++i) squares.add_square(big);
  EXPECT_TRUE(bulk.sum_of_squares() == squares);
}

TEST(Moments, MergeEqualsOneStream) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> ln(0.0, 1.0);
  std::vector<double> x(10000);
  for (double& v : x) v = ln(rng);
  Moments all, a, b;
  all.add(x);
  a.add(std::span<const double>(x).subspan(0, 3333));
  b.add(std::span<const double>(x).subspan(3333));
  b.merge(a);
  EXPECT_TRUE(all == b);
  EXPECT_EQ(all.mean(), b.mean());
  EXPECT_EQ(all.sd(), b.sd());
}

TEST(Moments, RejectsNonFiniteValues) {
  Moments m;
  EXPECT_THROW(m.add(std::vector<double>{1.0, std::numeric_limits<double>::infinity()}),
               std::invalid_argument);
  EXPECT_THROW(m.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_EQ(m.count(), 0u);
}

TEST(Moments, FromJsonRefusesSumsThatNoValuesHave) {
  Moments m;
  m.add(std::vector<double>{1.0, 2.0, 4.0});
  nlohmann::json j = m.to_json();
  EXPECT_TRUE(Moments::from_json(j) == m);
  // Found by fuzzing the result reader: the sum of squares of {1, 2} with the sum and
  // count of {1, 2, 4} (n S2 < S1^2) was accepted, and variance() threw later.
  Moments small;
  small.add(std::vector<double>{1.0, 2.0});
  j["sum_of_squares"] = small.to_json()["sum_of_squares"];
  EXPECT_THROW(Moments::from_json(j), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::stats
