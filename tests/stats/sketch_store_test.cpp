// The sketch's compact counts (SketchStore: 16-bit counters with carries into a sparse list)
// against plain 64-bit counts kept by the test, on inputs that overflow 16 bits many times
// over: through the one-sign path, the general path (zero bucket, largest key, both signs),
// one value at a time, merges, JSON and roll-backs. A dropped or doubled carry shows as a
// count off by a multiple of 2^15.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <utility>
#include <vector>

#include "stats/quantile_sketch.hpp"
#include "stats/sketch_store.hpp"

namespace spendcast::stats {
namespace {

/// Counts per (sign, key) of one value at a time, in 64 bits: the reference.
struct Reference {
  std::map<std::pair<int, std::uint32_t>, std::uint64_t> counts;
  std::uint64_t zero = 0;
  void add(double x, int bits = 9) {
    if (std::abs(x) < QuantileSketch::zero_threshold) {
      ++zero;
      return;
    }
    ++counts[{x < 0 ? -1 : 1, QuantileSketch::key_of(std::abs(x), bits)}];
  }
  void add(const std::vector<double>& xs) {
    for (const double x : xs) add(x);
  }
};

void expect_counts(const QuantileSketch& s, const Reference& r) {
  EXPECT_EQ(s.zero_count(), r.zero);
  std::map<std::pair<int, std::uint32_t>, std::uint64_t> seen;
  std::uint64_t total = 0;
  for (const auto& b : s.buckets()) {
    total += b.count;
    if (b.sign != 0) seen[{b.sign, b.key}] = b.count;
  }
  EXPECT_EQ(seen, r.counts);
  EXPECT_EQ(total, s.count());
}

TEST(SketchStore, OneSignRowsFarBeyondSixteenBits) {
  QuantileSketch s;
  Reference r;
  // 4096-value blocks of 3 keys, one of them 3/4 of the values: that key passes 2^16 after
  // 22 blocks; then one add of 200000 values (more than a counter's headroom at once).
  std::vector<double> block(4096);
  for (std::size_t i = 0; i < block.size(); ++i) block[i] = i % 4 == 0 ? 2.0 + (i % 8) : 1.5;
  for (int b = 0; b < 60; ++b) {
    s.add(block);
    r.add(block);
  }
  const std::vector<double> big(200000, -7.25);
  s.add(big);
  r.add(big);
  expect_counts(s, r);
  EXPECT_EQ(s.count(), 60u * 4096u + 200000u);
}

TEST(SketchStore, GeneralRowsFarBeyondSixteenBits) {
  // Zeros and the row's largest key (local counters), a heavy negative key and a heavy
  // positive key that is not the largest (direct increments), over many blocks.
  QuantileSketch s;
  Reference r;
  std::mt19937_64 rng(5);
  std::vector<double> row(3000);
  for (int b = 0; b < 100; ++b) {
    for (double& v : row) {
      const auto pick = rng() % 8;
      v = pick < 3 ? 0.0 : pick < 5 ? 1.0 : pick < 7 ? -0.375 : 0.5;
    }
    s.add(row);
    r.add(row);
  }
  const std::vector<double> indicators(100000, 1.0);
  std::vector<double> with_zero = indicators;
  with_zero[7] = 0.0;
  s.add(with_zero);
  r.add(with_zero);
  expect_counts(s, r);
  EXPECT_GT(r.zero, 1u << 16);
}

TEST(SketchStore, OneValueAtATimeBeyondSixteenBits) {
  QuantileSketch s;
  Reference r;
  for (int i = 0; i < 70000; ++i) {
    const double x = i % 5 == 0 ? -3.0 : 3.0;
    s.add(x);
    r.add(x);
  }
  expect_counts(s, r);
}

TEST(SketchStore, MergeJsonAndEqualityWithLargeCounts) {
  // Counts near 2^40 and 2^64 - small arrive through JSON and merges.
  QuantileSketch a;
  for (int i = 0; i < 40000; ++i) a.add(i % 2 == 0 ? 10.0 : -10.0);
  nlohmann::json j = a.to_json();
  const std::uint32_t key = QuantileSketch::key_of(10.0, a.subbucket_bits());
  const std::uint64_t huge = (std::uint64_t{1} << 40) + 12345;
  j["positive"]["counts"] = nlohmann::json::array({huge});
  j["count"] = huge + 20000;
  const QuantileSketch big = QuantileSketch::from_json(j);
  ASSERT_EQ(big.buckets().back().count, huge);
  EXPECT_EQ(big.buckets().back().key, key);
  EXPECT_EQ(QuantileSketch::from_json(big.to_json()).to_json(), big.to_json());
  EXPECT_TRUE(QuantileSketch::from_json(big.to_json()) == big);

  QuantileSketch merged = a;
  merged.merge(big);
  merged.merge(a);
  EXPECT_EQ(merged.count(), 40000u + huge + 20000u + 40000u);
  for (const auto& b : merged.buckets()) {
    EXPECT_EQ(b.count, b.sign > 0 ? huge + 40000u : 60000u) << b.sign;
  }
  // Merging in the other order gives the same sketch.
  QuantileSketch other = big;
  other.merge(a);
  other.merge(a);
  EXPECT_TRUE(other == merged);
  EXPECT_EQ(other.to_json(), merged.to_json());
}

TEST(SketchStore, RollBackAcrossACarry) {
  QuantileSketch s;
  const std::vector<double> block(30000, 4.0);
  s.add(block);
  s.add(block);  // the counter holds 60000
  const QuantileSketch before = s;
  const QuantileSketch::Mark mark = s.mark();
  const std::vector<double> more(20000, 4.0);
  s.add(more);  // carries 2^15 out first: 80000 would wrap the counter
  s.roll_back(mark, more);
  EXPECT_TRUE(s == before);
  EXPECT_EQ(s.to_json(), before.to_json());
  EXPECT_EQ(s.buckets().front().count, 60000u);
}

TEST(SketchStore, RandomIncrementsMatchSixtyFourBitCounts) {
  // The store alone, as the sketch drives it: cover, reserve, then ++ on the counters;
  // add() of large counts and remove_one (borrowing from a carry) in between.
  std::mt19937_64 rng(17);
  SketchStore store;
  std::map<std::uint32_t, std::uint64_t> reference;
  store.cover(1000, 1003, 0, 5000, 4);
  for (int round = 0; round < 400; ++round) {
    const std::uint32_t lo = 1000 - static_cast<std::uint32_t>(rng() % 3);
    const std::uint32_t hi = 1003 + static_cast<std::uint32_t>(rng() % 3);
    store.cover(lo, hi, 0, 5000, 4);
    const std::size_t n = 1 + rng() % SketchStore::headroom;
    SketchStore::Counter* counters = store.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t key = rng() % 4 == 0 ? lo + static_cast<std::uint32_t>(rng() % 6) : 1001;
      const std::uint32_t k = std::min(key, hi);
      ++counters[k - store.first()];
      ++reference[k];
    }
    if (round % 50 == 7) {
      store.add(1002, std::uint64_t{3} << 33);
      reference[1002] += std::uint64_t{3} << 33;
    }
    if (round % 9 == 0) {
      for (auto& [key, count] : reference) {
        if (count == 0) continue;
        store.remove_one(key);
        --count;
      }
    }
  }
  for (std::uint32_t k = 990; k < 1020; ++k) EXPECT_EQ(store.count(k), reference[k]) << k;
  std::uint32_t a = 0, b = 0;
  ASSERT_TRUE(store.nonempty_range(a, b));
  const std::vector<std::uint64_t> counts = store.counts(a, b);
  for (std::uint32_t k = a; k <= b; ++k) EXPECT_EQ(counts[k - a], reference[k]);
  EXPECT_GT(store.carried_keys(), 0u);
}

TEST(SketchStore, BorrowsFromACarryAndFindsKeysHeldOnlyByCarries) {
  SketchStore store;
  store.cover(10, 20, 0, 100, 0);
  store.add(15, 65536);  // all of it carried: the counter is 0
  std::uint32_t a = 0, b = 0;
  ASSERT_TRUE(store.nonempty_range(a, b));
  EXPECT_EQ(a, 15u);
  EXPECT_EQ(b, 15u);
  store.remove_one(15);
  EXPECT_EQ(store.count(15), 65535u);
  store.assign(3, {0, 70000, 0, 1});
  ASSERT_TRUE(store.nonempty_range(a, b));
  EXPECT_EQ(a, 4u);
  EXPECT_EQ(b, 6u);
  EXPECT_EQ(store.counts(3, 6), (std::vector<std::uint64_t>{0, 70000, 0, 1}));
}

}  // namespace
}  // namespace spendcast::stats
