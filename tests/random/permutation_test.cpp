#include "random/permutation.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace spendcast::random {
namespace {

TEST(FeistelPermutation, IsABijectionForManySizes) {
  for (std::uint64_t n : {1ull, 2ull, 3ull, 5ull, 16ull, 17ull, 1000ull, 4097ull, 65536ull}) {
    FeistelPermutation p(n, stream_key(11, "lhs"));
    std::vector<char> seen(n, 0);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t j = p(i);
      ASSERT_LT(j, n);
      ASSERT_FALSE(seen[j]) << "n = " << n << ": " << j << " hit twice";
      seen[j] = 1;
    }
  }
}

TEST(FeistelPermutation, DependsOnTheKeyAndLooksShuffled) {
  const std::uint64_t n = 10000;
  FeistelPermutation p(n, stream_key(1, "a")), q(n, stream_key(1, "b"));
  std::uint64_t same = 0, fixed = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    same += p(i) == q(i);
    fixed += p(i) == i;
  }
  // A random permutation has about one fixed point and agrees with another at about one
  // place: allow 10.
  EXPECT_LT(same, 10u);
  EXPECT_LT(fixed, 10u);
}

TEST(FeistelPermutation, RejectsAnEmptyRange) {
  EXPECT_THROW(FeistelPermutation(0, StreamKey{}), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::random
