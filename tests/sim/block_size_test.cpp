#include <gtest/gtest.h>

#include "sim/simulate.hpp"

namespace spendcast::sim {
namespace {

TEST(BlockSize, AnExplicitSizeIsKept) {
  EXPECT_EQ(resolve_block_size(1, 1'000'000, 2), 1u);
  EXPECT_EQ(resolve_block_size(1000, 10, 16), 1000u);
}

TEST(BlockSize, AutomaticFitsTheCachesAndBalancesSmallRuns) {
  EXPECT_EQ(resolve_block_size(0, 1'000'000, 2), 512u);  // 1953 blocks
  EXPECT_EQ(resolve_block_size(0, 8192, 2), 512u);       // 16 blocks = 8 per thread
  EXPECT_EQ(resolve_block_size(0, 8191, 2), 256u);       // 15 blocks of 512 would be too few
  EXPECT_EQ(resolve_block_size(0, 20'000, 16), 256u);    // the smallest size
  EXPECT_EQ(resolve_block_size(0, 10, 1), 256u);
  EXPECT_EQ(resolve_block_size(0, 1'000'000, 0), resolve_block_size(0, 1'000'000, 1));
}

}  // namespace
}  // namespace spendcast::sim
