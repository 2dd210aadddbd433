#include "random/uniform.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace spendcast::random {
namespace {

TEST(Uniform, OpenIntervalAndSymmetricGrid) {
  EXPECT_EQ(to_unit_open(0), 0x1p-53);
  EXPECT_EQ(to_unit_open(~std::uint64_t{0}), 1.0 - 0x1p-53);
  EXPECT_EQ(to_unit_open(std::uint64_t{1} << 63), 0.5 + 0x1p-53);
  for (std::uint32_t w : {0u, 1u, 12345u, 0x7fffffffu}) {
    const std::uint64_t half = (std::uint64_t{w} << 32) | (w * 2654435761u);
    const double u = to_unit_open(half);
    EXPECT_EQ(1.0 - u, to_unit_open(~half));
  }
}

TEST(Uniform, FillMatchesPointwiseDraws) {
  const auto key = stream_key(9, "spend");
  std::vector<double> a(100), b(100), only(100);
  fill_uniform_pairs(key, 1000, 100, 4, 2, a.data(), b.data());
  fill_uniforms(key, 1000, 100, 4, 2, only.data());
  for (std::size_t i = 0; i < 100; ++i) {
    const auto p = uniform_pair(key, 1000 + i, 4, 2);
    EXPECT_EQ(a[i], p.first);
    EXPECT_EQ(b[i], p.second);
    EXPECT_EQ(only[i], p.first);
  }
}

TEST(Uniform, FillMatchesPointwiseDrawsForEveryLengthAndOffset) {
  // The vector paths handle 16 paths at a time and the rest one by one: both must agree.
  const auto key = stream_key(0xFFFFFFFFFFull, "vendors");
  for (std::size_t n = 1; n <= 19; ++n) {
    for (std::uint64_t first : {0ull, 5ull, 0xFFFFFFFEull}) {  // crosses 2^32 too
      std::vector<double> a(n), b(n);
      fill_uniform_pairs(key, first, n, 3, 1, a.data(), b.data());
      for (std::size_t i = 0; i < n; ++i) {
        const auto p = uniform_pair(key, first + i, 3, 1);
        ASSERT_EQ(a[i], p.first) << n << " " << first << " " << i;
        ASSERT_EQ(b[i], p.second) << n << " " << first << " " << i;
      }
    }
  }
}

constexpr UniformLanes all_lanes[] = {UniformLanes::software, UniformLanes::aesni,
                                      UniformLanes::vaes};

TEST(UniformLanes, PairIsTheTwoHalvesOfOneArsBlock) {
  const auto key = stream_key(4, "spend");
  const Counter r = ars_software(make_counter(0x123456789ull, 7, 3), key, 5);
  const auto p = uniform_pair(key, 0x123456789ull, 7, 3);
  EXPECT_EQ(p.first, to_unit_open((std::uint64_t{r[1]} << 32) | r[0]));
  EXPECT_EQ(p.second, to_unit_open((std::uint64_t{r[3]} << 32) | r[2]));
}

TEST(UniformLanes, SoftwareIsAlwaysAvailableAndTheFastestIsAvailable) {
  EXPECT_TRUE(lanes_available(UniformLanes::software));
  EXPECT_TRUE(lanes_available(fastest_lanes()));
  EXPECT_EQ(lanes_available(UniformLanes::aesni), cpu_has_aes());
}

TEST(UniformLanes, EveryImplementationMatchesPointwiseDrawsForEveryLengthAndOffset) {
  // The vector paths handle 8 paths at a time and the rest one by one: all must agree
  // with the scalar twin, for both forms (pairs, and first uniforms only).
  const auto key = stream_key(0xFFFFFFFFFFull, "vendors");
  int checked = 0;
  for (UniformLanes lanes : all_lanes) {
    if (!lanes_available(lanes)) continue;
    ++checked;
    for (std::size_t n = 1; n <= 35; ++n) {
      for (std::uint64_t first : {0ull, 5ull, 0xFFFFFFFEull, 0xFFFFFFFFFFFFFFF0ull}) {
        std::vector<double> a(n), b(n), only(n);
        fill_uniform_pairs_on(lanes, key, first, n, 3, 1, a.data(), b.data());
        fill_uniform_pairs_on(lanes, key, first, n, 3, 1, only.data(), nullptr);
        for (std::size_t i = 0; i < n; ++i) {
          const auto p = uniform_pair(key, first + i, 3, 1);
          ASSERT_EQ(a[i], p.first) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(b[i], p.second) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(only[i], p.first) << static_cast<int>(lanes) << " " << n << " " << first;
        }
      }
    }
  }
  EXPECT_GE(checked, 1);
}

TEST(UniformLanes, EveryImplementationsWordsAreTheBlocksHalves) {
  // The raw words behind the normals, on every implementation, for both forms: words 1:0
  // and 3:2 of the path's ARS-5 block.
  const auto key = stream_key(31, "spend");
  int checked = 0;
  for (UniformLanes lanes : all_lanes) {
    if (!lanes_available(lanes)) continue;
    ++checked;
    for (std::size_t n = 1; n <= 35; ++n) {
      for (std::uint64_t first : {0ull, 5ull, 0xFFFFFFFEull, 0xFFFFFFFFFFFFFFF0ull}) {
        std::vector<std::uint64_t> a(n), b(n), only(n);
        fill_word_pairs_on(lanes, key, first, n, 2, 0, a.data(), b.data());
        fill_word_pairs_on(lanes, key, first, n, 2, 0, only.data(), nullptr);
        for (std::size_t i = 0; i < n; ++i) {
          const Counter r = ars_software(make_counter(first + i, 2, 0), key, 5);
          const std::uint64_t low = (std::uint64_t{r[1]} << 32) | r[0];
          const std::uint64_t high = (std::uint64_t{r[3]} << 32) | r[2];
          ASSERT_EQ(a[i], low) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(b[i], high) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(only[i], low) << static_cast<int>(lanes) << " " << n << " " << first;
        }
      }
    }
  }
  EXPECT_GE(checked, 1);
}

TEST(UniformLanes, ImplementationsAgreeOnLargeBlocks) {
  const auto key = stream_key(77, "segments");
  const std::size_t n = 50'000;
  std::vector<double> ref_a(n), ref_b(n), a(n), b(n);
  fill_uniform_pairs_on(UniformLanes::software, key, 1u << 20, n, 11, 2, ref_a.data(),
                        ref_b.data());
  for (UniformLanes lanes : all_lanes) {
    if (!lanes_available(lanes)) continue;
    fill_uniform_pairs_on(lanes, key, 1u << 20, n, 11, 2, a.data(), b.data());
    EXPECT_EQ(a, ref_a) << static_cast<int>(lanes);
    EXPECT_EQ(b, ref_b) << static_cast<int>(lanes);
  }
}

TEST(Uniform, EqualFrequencyBinsPassChiSquare) {
  // 10^6 uniforms into 100 bins: chi-square with 99 degrees of freedom; mean 99, sd 14.07.
  const std::size_t n = 1'000'000, bins = 100;
  std::vector<double> u(n);
  fill_uniforms(stream_key(3, "chi"), 0, n, 1, 0, u.data());
  std::vector<double> count(bins, 0.0);
  for (double x : u) {
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
    count[static_cast<std::size_t>(x * bins)] += 1;
  }
  double chi2 = 0;
  for (double c : count) chi2 += (c - 1e4) * (c - 1e4) / 1e4;
  EXPECT_LT(std::fabs(chi2 - 99.0) / std::sqrt(2.0 * 99.0), 4.0) << chi2;
}

TEST(Uniform, NeighbouringStreamsAreUncorrelated) {
  // Pearson correlation between draws of adjacent paths, steps and draws: |r| < 4/√n.
  const std::size_t n = 200'000;
  std::vector<double> base(n), step(n), draw(n), comp(n);
  const auto key = stream_key(5, "vendors");
  fill_uniforms(key, 0, n, 7, 0, base.data());
  fill_uniforms(key, 0, n, 8, 0, step.data());
  fill_uniforms(key, 0, n, 7, 1, draw.data());
  fill_uniforms(stream_key(5, "segments"), 0, n, 7, 0, comp.data());
  auto corr = [&](const std::vector<double>& x, const std::vector<double>& y) {
    double sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sx += x[i];
      sy += y[i];
      sxy += x[i] * y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
    }
    const double cov = sxy / n - sx / n * sy / n;
    return cov / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  };
  const double bound = 4.0 / std::sqrt(static_cast<double>(n));
  EXPECT_LT(std::fabs(corr(base, step)), bound);
  EXPECT_LT(std::fabs(corr(base, draw)), bound);
  EXPECT_LT(std::fabs(corr(base, comp)), bound);
}

}  // namespace
}  // namespace spendcast::random
