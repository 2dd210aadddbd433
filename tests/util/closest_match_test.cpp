#include "util/closest_match.hpp"

#include <gtest/gtest.h>

namespace spendcast::util {
namespace {

TEST(EditDistance, KnownValues) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("persistance", "persistence"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);  // a transposition counts once
}

TEST(ClosestMatch, SuggestsOnlyLikelyTypos) {
  std::vector<std::string> keys{"persistence", "volatility", "long_run_growth"};
  EXPECT_EQ(closest_match("persistance", keys), "persistence");
  EXPECT_EQ(closest_match("volatilty", keys), "volatility");
  EXPECT_EQ(closest_match("ceiling", keys), std::nullopt);
  EXPECT_EQ(closest_match("volatility", keys), std::nullopt);  // an exact match is no typo
}

}  // namespace
}  // namespace spendcast::util
