#include "random/stream.hpp"

#include <gtest/gtest.h>

namespace spendcast::random {
namespace {

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

TEST(StreamKey, LowHalfIsTheSeedsHighHalfTheComponents) {
  const StreamKey k = stream_key(42, "vendors");
  const std::uint64_t low = mix64(42), high = mix64(name_id("vendors") + 0x9E3779B97F4A7C15ull);
  EXPECT_EQ(k,
            (StreamKey{static_cast<std::uint32_t>(low), static_cast<std::uint32_t>(low >> 32),
                       static_cast<std::uint32_t>(high), static_cast<std::uint32_t>(high >> 32)}));
}

TEST(Counter, LayoutIsDrawStepPathLowPathHigh) {
  EXPECT_EQ(make_counter(0x0000000500000007ull, 11, 3), (Counter{3, 11, 7, 5}));
}

}  // namespace
}  // namespace spendcast::random
