#include <gtest/gtest.h>

#include "sim/simulate.hpp"

namespace spendcast::sim {
namespace {

TEST(BlockSize, AnExplicitSizeIsKept) {
  EXPECT_EQ(resolve_block_size(1, 1'000'000, 2), 1u);
  EXPECT_EQ(resolve_block_size(1000, 10, 16), 1000u);
}

TEST(BlockSize, AutomaticIsLargeForBigRunsAndBalancedForSmallOnes) {
  EXPECT_EQ(resolve_block_size(0, 1'000'000, 2), 4096u);  // 244 blocks
  EXPECT_EQ(resolve_block_size(0, 100'000, 2), 4096u);    // 24 blocks >= 8 per thread
  EXPECT_EQ(resolve_block_size(0, 100'000, 16), 512u);    // 195 blocks >= 128
  EXPECT_EQ(resolve_block_size(0, 20'000, 16), 256u);     // the smallest size
  EXPECT_EQ(resolve_block_size(0, 10, 1), 256u);
  EXPECT_EQ(resolve_block_size(0, 1'000'000, 0), resolve_block_size(0, 1'000'000, 1));
}

}  // namespace
}  // namespace spendcast::sim
