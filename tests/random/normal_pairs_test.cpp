#include "random/normal_pairs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "random/ars.hpp"
#include "random/normal.hpp"
#include "random/uniform.hpp"
#include "random/ziggurat.hpp"
#include "standard_normal_moments.hpp"

namespace spendcast::random {
namespace {

TEST(NormalPairs, FilledPairsEqualTheScalarPairOfEachPath) {
  const StreamKey key = stream_key(99, "vendors");
  const std::size_t n = 1003;  // several chunks and a short last one
  const std::uint64_t first = (std::uint64_t{1} << 32) - 500;  // crosses the counter's high word
  std::vector<double> a(n), b(n), only_first(n);
  fill_normal_pairs(key, first, n, 7, 2, a.data(), b.data());
  fill_normal_pairs(key, first, n, 7, 2, only_first.data(), nullptr);
  std::vector<std::uint64_t> words(n), second_words(n);
  fill_word_pairs(key, first, n, 7, 2, words.data(), second_words.data());
  int retried = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const NormalPair z = normal_pair(key, first + i, 7, 2);
    ASSERT_EQ(a[i], z.first) << i;
    ASSERT_EQ(b[i], z.second) << i;
    ASSERT_EQ(only_first[i], z.first) << i;
    retried +=
        !ziggurat::candidate(words[i]).accepted + !ziggurat::candidate(second_words[i]).accepted;
  }
  EXPECT_GT(retried, 5) << "the check should cover words that needed further words";
}

std::uint64_t half_of(const Counter& r, int half) {
  return half == 0 ? low_half(r) : high_half(r);
}

TEST(NormalPairs, EveryWayARejectedWordEndsMatchesTheScalarPath) {
  // The fill finishes rejected words in phases; normal_pair runs normal_from_rejected on
  // each. Over 2^18 paths every way a rejected word can end occurs (here: 152 in the tail,
  // 4292 accepted by the wedge test, 3463 rejected by it with the next word accepted at
  // once, 56 going further) and every normal must be the same bits.
  const StreamKey key = stream_key(2024, "segments");
  const std::size_t n = std::size_t{1} << 18;
  std::vector<double> a(n), b(n);
  fill_normal_pairs(key, 0, n, 3, 1, a.data(), b.data());
  int tail = 0, wedge = 0, next_word = 0, further = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const NormalPair z = normal_pair(key, i, 3, 1);
    ASSERT_EQ(a[i], z.first) << i;
    ASSERT_EQ(b[i], z.second) << i;
    const Counter words = ars5(make_counter(i, 3, 1), key);
    for (int half : {0, 1}) {
      const ziggurat::Candidate c = ziggurat::candidate(half_of(words, half));
      if (c.accepted) continue;
      if (c.layer == 0) {
        ++tail;
        continue;
      }
      const Counter block0 = ars5(make_counter(i, 3, 1), retry_key(key, half, 0));
      if (ziggurat::under_curve(c.layer, c.x, half_of(block0, 0)))
        ++wedge;
      else if (ziggurat::candidate(half_of(block0, 1)).accepted)
        ++next_word;
      else
        ++further;
    }
  }
  EXPECT_GT(tail, 80);
  EXPECT_GT(wedge, 3000);
  EXPECT_GT(next_word, 2500);
  EXPECT_GT(further, 20);
}

TEST(NormalPairs, SameValuesWhateverTheBlockAPathFallsIn) {
  const StreamKey key = stream_key(3, "spend");
  const std::size_t n = 600;
  std::vector<double> a(n), b(n);
  fill_normal_pairs(key, 0, n, 4, 1, a.data(), b.data());
  for (std::size_t start : {1u, 255u, 256u, 257u, 599u}) {
    const std::size_t len = n - start;
    std::vector<double> pa(len), pb(len);
    fill_normal_pairs(key, start, len, 4, 1, pa.data(), pb.data());
    for (std::size_t k = 0; k < len; ++k) {
      ASSERT_EQ(pa[k], a[start + k]) << start << " " << k;
      ASSERT_EQ(pb[k], b[start + k]) << start << " " << k;
    }
  }
}

TEST(NormalPairs, RetryKeysAreDistinctAndKeepTheSeed) {
  const StreamKey key = stream_key(11, "vendors");
  std::vector<StreamKey> keys = {key, stream_key(11, "segments"), stream_key(11, "spend")};
  for (int half : {0, 1})
    for (std::uint32_t j = 0; j < 50; ++j) {
      const StreamKey k = retry_key(key, half, j);
      EXPECT_EQ(k.k0, key.k0);
      EXPECT_EQ(k.k1, key.k1);
      keys.push_back(k);
    }
  for (std::size_t i = 0; i < keys.size(); ++i)
    for (std::size_t j = i + 1; j < keys.size(); ++j)
      EXPECT_FALSE(keys[i] == keys[j]) << i << " " << j;
}

TEST(NormalPairs, StreamPairsAreIndependentStandardNormals) {
  // 2·10^6 normals (10^6 pairs): moments of each coordinate and of the pooled sample
  // within 4 standard errors of N(0, 1)'s, the correlation of a pair's two normals within
  // 4/√n of 0, and the Kolmogorov–Smirnov distance to Φ below its 0.1 % critical value.
  const std::size_t n = 1'000'000;
  std::vector<double> z0(n), z1(n);
  fill_normal_pairs(stream_key(42, "test"), 0, n, 0, 0, z0.data(), z1.data());
  testing::expect_standard_normal_moments(z0);
  testing::expect_standard_normal_moments(z1);
  long double cross = 0, squares_product = 0;
  for (std::size_t i = 0; i < n; ++i) {
    cross += z0[i] * z1[i];
    squares_product += z0[i] * z0[i] * z1[i] * z1[i];
  }
  EXPECT_LT(std::fabs(static_cast<double>(cross / n)) * std::sqrt(n), 4.0);
  // E[z0² z1²] = 1 for independent normals; its sd is √(9 − 1) = √8.
  EXPECT_LT(std::fabs(static_cast<double>(squares_product / n) - 1.0) / std::sqrt(8.0 / n), 4.0);

  std::vector<double> all(z0);
  all.insert(all.end(), z1.begin(), z1.end());
  std::sort(all.begin(), all.end());
  double d = 0.0;
  const double m = static_cast<double>(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const double f = normal_cdf(all[i]);
    d = std::max({d, f - i / m, (i + 1) / m - f});
  }
  EXPECT_LT(d * std::sqrt(m), 1.95);  // P(K > 1.95) ≈ 0.001
}

}  // namespace
}  // namespace spendcast::random
