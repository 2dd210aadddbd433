#include "random/philox.hpp"

#include <Random123/philox.h>
#include <gtest/gtest.h>

namespace spendcast::random {
namespace {

// Known-answer vectors published with Random123 (kat_vectors, philox4x32 10 rounds).
struct Kat {
  Counter ctr;
  StreamKey key;
  Counter expected;
};
constexpr Kat kats[] = {
    {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
     {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
     {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

TEST(Philox, NamesRandom123sConstants) {
  EXPECT_EQ(philox::M4x32_0, PHILOX_M4x32_0);
  EXPECT_EQ(philox::M4x32_1, PHILOX_M4x32_1);
  EXPECT_EQ(philox::W32_0, PHILOX_W32_0);
  EXPECT_EQ(philox::W32_1, PHILOX_W32_1);
  EXPECT_EQ(philox::rounds, PHILOX4x32_DEFAULT_ROUNDS);
}

TEST(Philox, MatchesPublishedKnownAnswers) {
  for (const auto& k : kats) EXPECT_EQ(philox4x32_10(k.ctr, k.key), k.expected);
}

TEST(Philox, MatchesRandom123OnManyCounters) {
  r123::Philox4x32 reference;
  std::uint64_t state = 12345;
  for (int i = 0; i < 2000; ++i) {
    state = mix64(state + 1);
    const Counter ctr{static_cast<std::uint32_t>(state), static_cast<std::uint32_t>(state >> 32),
                      static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(state >> 17)};
    const StreamKey key{static_cast<std::uint32_t>(state >> 7),
                        static_cast<std::uint32_t>(state >> 29)};
    const auto expected = reference({{ctr[0], ctr[1], ctr[2], ctr[3]}}, {{key.k0, key.k1}});
    const Counter got = philox4x32_10(ctr, key);
    for (int w = 0; w < 4; ++w) ASSERT_EQ(got[w], expected.v[w]) << "counter " << i;
  }
}

TEST(Philox, IsUsableAtCompileTime) {
  static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5u);
  SUCCEED();
}

TEST(StreamKey, NameIdsAreStableFnv1a) {
  // FNV-1a 32 reference values: these must never change (they key every stream).
  EXPECT_EQ(name_id(""), 2166136261u);
  EXPECT_EQ(name_id("a"), 0xe40c292cu);
  EXPECT_EQ(name_id("foobar"), 0xbf9cf968u);
}

TEST(StreamKey, ComponentsAndSeedsGiveDistinctKeys) {
  const char* names[] = {"params", "spend", "vendors", "segments", "event:correction"};
  for (auto a : names) {
    for (auto b : names) {
      if (std::string_view(a) != b) {
        EXPECT_NE(stream_key(1, a), stream_key(1, b)) << a << b;
      }
    }
  }
  EXPECT_NE(stream_key(1, "spend"), stream_key(2, "spend"));
  EXPECT_EQ(stream_key(7, "spend"), stream_key(7, "spend"));
}

TEST(Counter, LayoutIsDrawStepPathLowPathHigh) {
  EXPECT_EQ(make_counter(0x0000000500000007ull, 11, 3), (Counter{3, 11, 7, 5}));
}

}  // namespace
}  // namespace spendcast::random
