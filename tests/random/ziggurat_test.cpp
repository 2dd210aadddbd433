#include "random/ziggurat.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "random/ars.hpp"
#include "random/normal.hpp"
#include "random/stream.hpp"

namespace spendcast::random {
namespace {

using ziggurat::layers;

long double density(long double x) {
  return std::exp(-0.5L * x * x);
}

/// A word with the given layer, sign and 52-bit position.
std::uint64_t word_of(int layer, bool negative, std::uint64_t position) {
  return (position << ziggurat::position_shift) | (std::uint64_t{negative} << ziggurat::sign_bit) |
         static_cast<std::uint64_t>(layer);
}

/// A sequence of words from ARS-5 for the tests' rejected words.
struct TestWords {
  std::uint64_t next = 0;
  std::uint64_t operator()() {
    const Counter r = ars5({static_cast<std::uint32_t>(next), 0, 0, 0}, stream_key(5, "words"));
    ++next;
    return low_half(r);
  }
};

TEST(Ziggurat, AreaOfALayerIsTheBaseStripWithTheTail) {
  // v = r·f(r) + √(π/2)·erfc(r/√2), in long double with the C library's erfc.
  const long double r = ziggurat::tail_start;
  const long double v = r * density(r) + std::sqrt(std::numbers::pi_v<long double> / 2) *
                                             std::erfc(r / std::sqrt(2.0L));
  EXPECT_NEAR(static_cast<double>(v / ziggurat::layer_area - 1), 0.0, 1e-15);
}

TEST(Ziggurat, LayersHaveEqualAreasAndClose) {
  const ziggurat::Layers& t = ziggurat::table();
  const long double v = ziggurat::layer_area;
  EXPECT_EQ(t.edge[1], ziggurat::tail_start);
  EXPECT_EQ(t.edge[layers], 0.0);
  // Layer 0: the strip [0, r) × [0, f(r)) with the tail has the area of [0, x_0) × [0, f(r)).
  EXPECT_NEAR(static_cast<double>(t.edge[0] * density(t.edge[1]) / v - 1), 0.0, 1e-15);
  for (int i = 1; i < layers; ++i) {
    ASSERT_LT(t.edge[i + 1], t.edge[i]) << i;
    EXPECT_NEAR(static_cast<double>(t.height[i] / density(t.edge[i]) - 1), 0.0, 1e-14) << i;
    // The area from the table's heights, to within their rounding: the difference of two
    // heights near 1 loses about height/difference of relative precision. The last
    // layer's top is f(0) = 1: its area is v only if r is the root (the layers close);
    // with r one part in 10^9 off it misses by about 2 %.
    const long double difference = static_cast<long double>(t.height[i + 1]) - t.height[i];
    const long double area = t.edge[i] * difference;
    const double rounding = 8 * 0x1p-53 * t.height[i + 1] / static_cast<double>(difference);
    EXPECT_NEAR(static_cast<double>(area / v - 1), 0.0, i < layers - 1 ? rounding : 1e-9) << i;
  }
}

TEST(Ziggurat, CandidatesOfKnownWords) {
  const ziggurat::Layers& t = ziggurat::table();
  const std::uint64_t top = (std::uint64_t{1} << 52) - 1;
  for (int layer : {0, 1, 17, 128, 254, 255}) {
    const auto zero = ziggurat::candidate(word_of(layer, true, 0));
    EXPECT_EQ(zero.layer, layer);
    EXPECT_TRUE(zero.negative);
    EXPECT_EQ(zero.x, 0.0);
    EXPECT_EQ(zero.accepted, layer < layers - 1);  // the top layer has no inner part
    const auto last = ziggurat::candidate(word_of(layer, false, top));
    EXPECT_FALSE(last.negative);
    EXPECT_EQ(last.x, static_cast<double>(top) * t.edge[layer] * 0x1p-52);
    EXPECT_FALSE(last.accepted);
    if (layer == layers - 1) continue;
    // The inner part ends exactly where x reaches the next layer's edge.
    const std::uint64_t inner = t.steps[layer].inner;
    const auto in = ziggurat::candidate(word_of(layer, false, inner - 1));
    const auto out = ziggurat::candidate(word_of(layer, false, inner));
    EXPECT_TRUE(in.accepted);
    EXPECT_LE(in.x, t.edge[layer + 1]);
    EXPECT_FALSE(out.accepted);
    EXPECT_GT(static_cast<double>(inner + 1) * t.steps[layer].scale, t.edge[layer + 1]);
  }
}

TEST(Ziggurat, FirstWordStepEqualsItsScalarTwinAtEveryPositionAndLength) {
  TestWords next;
  std::vector<std::uint64_t> words(41);
  for (auto& w : words) w = next();
  words[3] = word_of(0, true, (std::uint64_t{1} << 52) - 1);  // a tail candidate
  words[6] = word_of(255, false, 12345);                      // always the wedge test
  for (std::size_t start = 0; start < 8; ++start)
    for (std::size_t n = 0; start + n <= words.size(); ++n) {
      std::vector<double> z(n, -1.0);
      std::vector<std::uint32_t> rejected(n);
      const std::size_t count =
          ziggurat_first_words(words.data() + start, z.data(), n, rejected.data());
      std::size_t k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = ziggurat::candidate(words[start + i]);
        if (c.accepted) {
          ASSERT_EQ(z[i], c.negative ? -c.x : c.x) << start << " " << n << " " << i;
        } else {
          ASSERT_LT(k, count);
          ASSERT_EQ(rejected[k++], i);
        }
      }
      ASSERT_EQ(k, count);
    }
}

TEST(Ziggurat, BatchedDensitiesAreTheOneValueFormsBits) {
  std::vector<double> x;
  for (int i = 0; i <= 45; ++i) x.push_back(i * 0.0913);
  std::vector<double> f(x.size());
  ziggurat::densities(x.data(), f.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) ASSERT_EQ(f[i], ziggurat::density(x[i])) << x[i];
}

TEST(Ziggurat, RejectedWordsFollowTheirWordSequence) {
  // The same word and sequence give the same normal; the sign comes from the first word
  // that is accepted (a tail value keeps the sign of the word that reached the tail).
  const std::uint64_t wedge = word_of(200, true, (std::uint64_t{1} << 52) - 7);
  EXPECT_EQ(normal_from_rejected(wedge, TestWords{}), normal_from_rejected(wedge, TestWords{}));
  const std::uint64_t tail = word_of(0, true, (std::uint64_t{1} << 52) - 1);
  const double z = normal_from_rejected(tail, TestWords{});
  EXPECT_LT(z, -ziggurat::tail_start);
  EXPECT_GT(normal_from_rejected(word_of(0, false, (std::uint64_t{1} << 52) - 1), TestWords{}),
            ziggurat::tail_start);
}

/// n normals from the whole method, words from ARS-5 in sequence.
std::vector<double> sample(std::size_t n) {
  TestWords next;
  std::vector<double> z(n);
  for (auto& x : z) {
    const std::uint64_t w = next();
    const auto c = ziggurat::candidate(w);
    x = c.accepted ? (c.negative ? -c.x : c.x) : normal_from_rejected(w, next);
  }
  return z;
}

TEST(Ziggurat, SampleFollowsTheNormalInEveryPart) {
  // 4·10^6 normals. (a) 400 bins of equal probability under Φ: χ² below its 0.1 % point
  // (χ²₃₉₉ ≈ 489); a wedge test that accepted every candidate gives 688. (b) The share beyond ±r,
  // 2(1 − Φ(r)) = 2.58e-4, within 4 se. (c) The mean excess beyond r, E[|z| − r | |z| > r] =
  // φ(r)/Q(r) − r, within 4 se (a tail method that accepted every try fails it).
  const std::size_t n = 4'000'000, bins = 400;
  const std::vector<double> z = sample(n);
  std::vector<double> count(bins, 0.0);
  const double r = ziggurat::tail_start;
  double beyond = 0.0, excess = 0.0, excess_squares = 0.0;
  for (double x : z) {
    const auto bin = static_cast<std::size_t>(normal_cdf(x) * bins);
    count[std::min(bin, bins - 1)] += 1.0;
    if (std::fabs(x) > r) {
      beyond += 1.0;
      excess += std::fabs(x) - r;
      excess_squares += (std::fabs(x) - r) * (std::fabs(x) - r);
    }
  }
  const double expected = static_cast<double>(n) / bins;
  double chi2 = 0.0;
  for (double c : count) chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 489.0);

  const double q = 1.0 - normal_cdf(r), p = 2.0 * q;
  EXPECT_LT(std::fabs(beyond / n - p) / std::sqrt(p * (1 - p) / n), 4.0) << beyond;
  const double phi = std::exp(-0.5 * r * r) / std::sqrt(2.0 * std::numbers::pi);
  const double mean = excess / beyond;
  const double sd = std::sqrt(excess_squares / beyond - mean * mean);
  EXPECT_LT(std::fabs(mean - (phi / q - r)) / (sd / std::sqrt(beyond)), 4.0) << mean;
}

}  // namespace
}  // namespace spendcast::random
