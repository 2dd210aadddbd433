#include "stats/empirical_distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "stats/exact_sample.hpp"

namespace spendcast::stats {
namespace {

// Reference values from NumPy 1.24, numpy.quantile(x, p) (method 'linear'):
//   x = [3.5, -1.25, 0.0, 7.0, 2.0, 2.0, 10.5, 0.1, 0.7, 1e-3]
//   y = [0.1 * i for i in range(1, 8)]
TEST(EmpiricalDistribution, QuantilesMatchNumpyBitwise) {
  const auto x =
      EmpiricalDistribution::from_values({3.5, -1.25, 0.0, 7.0, 2.0, 2.0, 10.5, 0.1, 0.7, 1e-3});
  EXPECT_EQ(x.quantile(0.0), -1.25);
  EXPECT_EQ(x.quantile(0.01), -1.1375);
  EXPECT_EQ(x.quantile(0.1), -0.12499999999999997);
  EXPECT_EQ(x.quantile(0.25), 0.025750000000000002);
  EXPECT_EQ(x.quantile(1.0 / 3.0), 0.1);
  EXPECT_EQ(x.quantile(0.5), 1.35);
  EXPECT_EQ(x.quantile(0.55), 1.9350000000000003);
  EXPECT_EQ(x.quantile(0.9), 7.349999999999999);
  EXPECT_EQ(x.quantile(0.99), 10.185);
  EXPECT_EQ(x.quantile(1.0), 10.5);
  std::vector<double> v;
  for (int i = 1; i < 8; ++i) v.push_back(0.1 * i);
  const auto y = EmpiricalDistribution::from_values(v);
  EXPECT_EQ(y.quantile(0.05), 0.13);
  EXPECT_EQ(y.quantile(0.5), 0.4);
  EXPECT_EQ(y.quantile(0.95), 0.67);
  EXPECT_EQ(y.quantile(0.37), 0.322);
  EXPECT_EQ(y.quantile(0.83), 0.5980000000000001);
  EXPECT_THROW((void)y.quantile(1.5), std::invalid_argument);
}

TEST(EmpiricalDistribution, CdfCountsValuesAtOrBelow) {
  const auto d = EmpiricalDistribution::from_values({1.0, 2.0, 2.0, 4.0});
  EXPECT_EQ(d.cdf(0.5), 0.0);
  EXPECT_EQ(d.cdf(1.0), 0.25);
  EXPECT_EQ(d.cdf(2.0), 0.75);
  EXPECT_EQ(d.cdf(3.9), 0.75);
  EXPECT_EQ(d.cdf(4.0), 1.0);
  EXPECT_EQ(d.points().size(), 3u);
  EXPECT_EQ(d.count(), 4u);
  EXPECT_TRUE(std::isnan(EmpiricalDistribution().cdf(1.0)));
  EXPECT_TRUE(std::isnan(EmpiricalDistribution().quantile(0.5)));
}

TEST(EmpiricalDistribution, BinomialQuantileStandardError) {
  // 101 values 0..100: Q(p) = 100 p, s = sqrt(p (1 - p) / 101), se = 100 s.
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  const auto d = EmpiricalDistribution::from_values(v);
  EXPECT_NEAR(d.quantile_se(0.5), 100 * std::sqrt(0.25 / 101), 1e-12);
  EXPECT_NEAR(d.quantile_se(0.01), 100 * std::sqrt(0.01 * 0.99 / 101), 1e-12);  // clipped at 0
  EXPECT_EQ(d.quantile_se(0.0), 0.0);
  EXPECT_EQ(d.quantile_se(1.0), 0.0);
}

TEST(ExactSample, MergeIsConcatenationAndQueriesSort) {
  ExactSample a, b;
  a.add(std::vector<double>{3.0, -0.0, 1.0});
  b.add(std::vector<double>{2.0, 0.0});
  ExactSample ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_TRUE(ab == ba);
  EXPECT_EQ(ab.sorted(), (std::vector<double>{0.0, 0.0, 1.0, 2.0, 3.0}));
  EXPECT_FALSE(std::signbit(ab.sorted()[0]));
  EXPECT_EQ(ab.distribution().quantile(0.5), 1.0);
  EXPECT_TRUE(ExactSample::from_json(ab.to_json()) == ab);
}

}  // namespace
}  // namespace spendcast::stats
