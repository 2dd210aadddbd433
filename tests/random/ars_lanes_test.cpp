// The block forms of ARS-5's uniforms against their scalar twin, on every implementation
// this CPU can run (docs/STATISTICS.md §12).
#include <gtest/gtest.h>

#include <vector>

#include "random/uniform.hpp"

namespace spendcast::random {
namespace {

constexpr ArsLanes all_lanes[] = {ArsLanes::software, ArsLanes::aesni, ArsLanes::vaes};

TEST(ArsLanes, PairIsTheTwoHalvesOfOneArsBlock) {
  const auto key = stream_key(4, "spend");
  const Counter r = ars_software(make_counter(0x123456789ull, 7, 3), key, 5);
  const auto p = ars_uniform_pair(key, 0x123456789ull, 7, 3);
  EXPECT_EQ(p.first, to_unit_open(r[1], r[0]));
  EXPECT_EQ(p.second, to_unit_open(r[3], r[2]));
}

TEST(ArsLanes, SoftwareIsAlwaysAvailableAndTheFastestIsAvailable) {
  EXPECT_TRUE(ars_lanes_available(ArsLanes::software));
  EXPECT_TRUE(ars_lanes_available(fastest_ars_lanes()));
  EXPECT_EQ(ars_lanes_available(ArsLanes::aesni), cpu_has_aes());
}

TEST(ArsLanes, EveryImplementationMatchesPointwiseDrawsForEveryLengthAndOffset) {
  // The vector paths handle 8 paths at a time and the rest one by one: all must agree
  // with the scalar twin, for both forms (pairs, and first uniforms only).
  const auto key = stream_key(0xFFFFFFFFFFull, "vendors");
  int checked = 0;
  for (ArsLanes lanes : all_lanes) {
    if (!ars_lanes_available(lanes)) continue;
    ++checked;
    for (std::size_t n = 1; n <= 35; ++n) {
      for (std::uint64_t first : {0ull, 5ull, 0xFFFFFFFEull, 0xFFFFFFFFFFFFFFF0ull}) {
        std::vector<double> a(n), b(n), only(n);
        fill_ars_uniform_pairs(lanes, key, first, n, 3, 1, a.data(), b.data());
        fill_ars_uniform_pairs(lanes, key, first, n, 3, 1, only.data(), nullptr);
        for (std::size_t i = 0; i < n; ++i) {
          const auto p = ars_uniform_pair(key, first + i, 3, 1);
          ASSERT_EQ(a[i], p.first) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(b[i], p.second) << static_cast<int>(lanes) << " " << n << " " << first;
          ASSERT_EQ(only[i], p.first) << static_cast<int>(lanes) << " " << n << " " << first;
        }
      }
    }
  }
  EXPECT_GE(checked, 1);
}

TEST(ArsLanes, ImplementationsAgreeOnLargeBlocks) {
  const auto key = stream_key(77, "segments");
  const std::size_t n = 50'000;
  std::vector<double> ref_a(n), ref_b(n), a(n), b(n);
  fill_ars_uniform_pairs(ArsLanes::software, key, 1u << 20, n, 11, 2, ref_a.data(), ref_b.data());
  for (ArsLanes lanes : all_lanes) {
    if (!ars_lanes_available(lanes)) continue;
    fill_ars_uniform_pairs(lanes, key, 1u << 20, n, 11, 2, a.data(), b.data());
    EXPECT_EQ(a, ref_a) << static_cast<int>(lanes);
    EXPECT_EQ(b, ref_b) << static_cast<int>(lanes);
  }
}

}  // namespace
}  // namespace spendcast::random
