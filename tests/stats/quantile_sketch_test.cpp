#include "stats/quantile_sketch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "stats/empirical_distribution.hpp"

namespace spendcast::stats {
namespace {

TEST(QuantileSketch, AccuracyFromTheRequest) {
  EXPECT_EQ(QuantileSketch().subbucket_bits(), 9);
  EXPECT_EQ(QuantileSketch().relative_accuracy(), 1.0 / 1025.0);
  EXPECT_EQ(QuantileSketch(1e-2).subbucket_bits(), 6);  // 1/129 = 7.8e-3
  EXPECT_EQ(QuantileSketch(1.0 / 1025.0).subbucket_bits(), 9);
  EXPECT_EQ(QuantileSketch(0.5).subbucket_bits(), 0);
  EXPECT_THROW(QuantileSketch(0.0), std::invalid_argument);
  EXPECT_THROW(QuantileSketch(0.7), std::invalid_argument);
  // Finer than 1e-6 would need more than 32 bits of bucket key for the largest doubles.
  EXPECT_THROW(QuantileSketch(5e-7), std::invalid_argument);
}

TEST(QuantileSketch, TheFinestAccuracyKeysTheLargestDoubles) {
  // At the top of the range the bucket keys use all 32 bits (one binade here: the dense
  // counts of a wide range at this accuracy would take gigabytes).
  const double big = std::numeric_limits<double>::max();
  for (const double x : {big, big / 1.5, -big}) {
    QuantileSketch s(1e-6);
    s.add(std::vector<double>{x, x, x});
    EXPECT_EQ(s.count(), 3u);
    EXPECT_NEAR(s.quantile(0.5), x, std::fabs(x) * s.relative_accuracy()) << x;
  }
}

TEST(QuantileSketch, EveryValueIsWithinTheBoundOfItsBucket) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_int_distribution<int> e(-40, 1023);
  for (const int bits : {0, 6, 9, 14}) {
    const double alpha = 1.0 / (2.0 * std::ldexp(1.0, bits) + 1.0);
    for (int i = 0; i < 20000; ++i) {
      const double x = std::ldexp(1.0 + u(rng), e(rng) - 1);
      if (x < QuantileSketch::zero_threshold || !std::isfinite(x)) continue;
      const std::uint32_t key = QuantileSketch::key_of(x, bits);
      ASSERT_LE(QuantileSketch::bucket_lower(key, bits), x);
      ASSERT_LT(x, QuantileSketch::bucket_upper(key, bits));
      const double v = QuantileSketch::bucket_value(key, bits);
      ASSERT_LE(std::fabs(v - x), alpha * x * (1 + 1e-15)) << x;
    }
    // The bound is attained at the bottom of a binade: it cannot be tighter.
    const std::uint32_t key = QuantileSketch::key_of(1.0, bits);
    EXPECT_NEAR((QuantileSketch::bucket_value(key, bits) - 1.0), alpha, 1e-15);
  }
  EXPECT_EQ(QuantileSketch::bucket_upper(
                QuantileSketch::key_of(std::numeric_limits<double>::max(), 9), 9),
            std::numeric_limits<double>::infinity());
}

// Exact NumPy-linear quantile terms: the two order statistics and the weight.
struct Neighbours {
  double a, b, g;
};
Neighbours neighbours(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  if (h >= static_cast<double>(sorted.size() - 1)) return {sorted.back(), sorted.back(), 0.0};
  const auto k = static_cast<std::size_t>(std::floor(h));
  return {sorted[k], sorted[k + 1], h - std::floor(h)};
}

void expect_within_bound(const std::string& name, std::vector<double> x) {
  QuantileSketch sketch;
  // In blocks, as the accumulator adds them.
  for (std::size_t i = 0; i < x.size(); i += 4096) {
    sketch.add(std::span<const double>(x).subspan(i, std::min<std::size_t>(4096, x.size() - i)));
  }
  const EmpiricalDistribution approx = EmpiricalDistribution::from_sketch(sketch);
  const EmpiricalDistribution exact = EmpiricalDistribution::from_values(x);
  std::sort(x.begin(), x.end());
  const double alpha = sketch.relative_accuracy();
  EXPECT_EQ(approx.count(), x.size());
  EXPECT_EQ(approx.min(), x.front());
  EXPECT_EQ(approx.max(), x.back());
  std::vector<double> levels = {0.0, 1e-6, 1e-3, 0.9999, 1.0};
  for (int i = 1; i < 100; ++i) levels.push_back(i / 100.0);
  for (const double p : levels) {
    const Neighbours n = neighbours(x, p);
    // Each order statistic is within alpha |x| (or the zero threshold), so the
    // interpolation is within alpha ((1 - g)|a| + g|b|), which is alpha |q| for one sign.
    const double bound =
        alpha * ((1 - n.g) * std::fabs(n.a) + n.g * std::fabs(n.b)) +
        QuantileSketch::zero_threshold +
        4 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(n.a), std::fabs(n.b));
    const double q = exact.quantile(p);
    EXPECT_LE(std::fabs(approx.quantile(p) - q), bound) << name << " p=" << p << " q=" << q;
    if ((n.a > 0) == (n.b > 0) && n.a != 0 && n.b != 0) {
      EXPECT_LE(std::fabs(approx.quantile(p) - q), alpha * std::fabs(q) * (1 + 1e-12))
          << name << " p=" << p;
    }
  }
  // cdf: bracketed by the exact cdf at the edges of the relative band.
  for (const double p : {0.01, 0.1, 0.5, 0.9, 0.99}) {
    const double q = exact.quantile(p);
    if (std::fabs(q) < 1e-9) continue;
    const double lo = q - std::fabs(q) * alpha * 1.000001, hi = q + std::fabs(q) * alpha * 1.000001;
    const double c = approx.cdf(q);
    EXPECT_GE(c, exact.cdf(lo) - 1e-12) << name;
    EXPECT_LE(c, exact.cdf(hi) + 1e-12) << name;
  }
}

TEST(QuantileSketch, QuantilesWithinTheBoundOnAMillionValues) {
  const std::size_t n = 1'000'000;
  std::mt19937_64 rng(424242);
  std::vector<double> x(n);
  {
    std::lognormal_distribution<double> d(2.0, 1.5);
    for (double& v : x) v = d(rng);
    expect_within_bound("lognormal", x);
  }
  {
    std::gamma_distribution<double> ga(0.5, 1.0), gb(2.0, 1.0);
    for (double& v : x) {
      const double a = ga(rng);
      v = a / (a + gb(rng));
    }
    expect_within_bound("beta", x);
  }
  {
    std::lognormal_distribution<double> d(-3.0, 1.0);
    std::bernoulli_distribution zero(0.3);
    for (double& v : x) v = zero(rng) ? 0.0 : d(rng);
    expect_within_bound("with zeros", x);
  }
  {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (double& v : x) v = std::pow(1.0 - u(rng), -1.0 / 1.1);  // Pareto, alpha 1.1
    expect_within_bound("pareto", x);
  }
  {
    std::normal_distribution<double> d(0.3, 1.0);
    for (double& v : x) v = d(rng);
    expect_within_bound("normal across zero", x);
  }
  {
    std::normal_distribution<double> d(-50.0, 10.0);
    for (double& v : x) v = d(rng);
    expect_within_bound("negative", x);
  }
}

TEST(QuantileSketch, TinyMagnitudesGoToTheZeroBucket) {
  QuantileSketch s;
  s.add(std::vector<double>{0.0, -0.0, 1e-13, -1e-300, 0x1p-40, 1.0});
  EXPECT_EQ(s.zero_count(), 4u);
  EXPECT_EQ(s.count(), 6u);
  EXPECT_EQ(s.min(), -1e-300);
  EXPECT_EQ(s.max(), 1.0);
  const auto buckets = s.buckets();
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[0].sign, 0);
  EXPECT_EQ(buckets[0].count, 4u);
  EXPECT_EQ(buckets[1].lower, 0x1p-40);
  EXPECT_EQ(buckets[2].lower, 1.0);
  // Ranks 1..3 are in the zero bucket and represented by 0; rank 0 is the exact min.
  const EmpiricalDistribution d = EmpiricalDistribution::from_sketch(s);
  EXPECT_EQ(d.order_statistic(0), -1e-300);
  EXPECT_EQ(d.order_statistic(1), 0.0);
  EXPECT_EQ(d.order_statistic(3), 0.0);
  EXPECT_EQ(d.order_statistic(5), 1.0);
}

TEST(QuantileSketch, MergeIsExactAndOrderFree) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> d(1.0, 3.0);
  std::vector<double> x(50000);
  for (double& v : x) v = d(rng);
  QuantileSketch all;
  all.add(x);
  std::vector<QuantileSketch> parts(7);
  for (std::size_t i = 0; i < x.size(); ++i) parts[rng() % parts.size()].add(x[i]);
  QuantileSketch merged;
  for (std::size_t i = parts.size(); i-- > 0;) merged.merge(parts[i]);
  EXPECT_TRUE(merged == all);
  EXPECT_EQ(merged.to_json().dump(), all.to_json().dump());
  for (const double p : {0.0, 0.05, 0.5, 0.95, 1.0}) EXPECT_EQ(merged.quantile(p), all.quantile(p));
  EXPECT_THROW(merged.merge(QuantileSketch(1e-2)), std::invalid_argument);
}

TEST(QuantileSketch, JsonRoundTripIsBitwise) {
  std::mt19937_64 rng(2);
  std::normal_distribution<double> d(0.0, 1e3);
  QuantileSketch s(2e-3);
  for (int i = 0; i < 10000; ++i) s.add(i % 10 == 0 ? 0.0 : d(rng));
  const std::string text = s.to_json().dump();
  const QuantileSketch back = QuantileSketch::from_json(nlohmann::json::parse(text));
  EXPECT_TRUE(back == s);
  EXPECT_EQ(back.to_json().dump(), text);
  for (const double p : {0.0, 0.01, 0.5, 0.77, 1.0}) EXPECT_EQ(back.quantile(p), s.quantile(p));
  EXPECT_EQ(back.min(), s.min());
  EXPECT_EQ(back.max(), s.max());
  // An empty sketch too.
  const QuantileSketch empty;
  EXPECT_TRUE(QuantileSketch::from_json(empty.to_json()) == empty);
  // Tampered counts are rejected.
  nlohmann::json bad = s.to_json();
  bad["count"] = 1;
  EXPECT_THROW(QuantileSketch::from_json(bad), std::invalid_argument);
}

TEST(QuantileSketch, RejectsNonFiniteValues) {
  QuantileSketch s;
  EXPECT_THROW(s.add(std::vector<double>{1.0, std::nan("")}), std::invalid_argument);
  EXPECT_THROW(s.add(-std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_EQ(s.count(), 0u);
}

}  // namespace
}  // namespace spendcast::stats
