#pragma once

#include <cstdint>

namespace spendcast::sim {

/// One of `count` equal contiguous parts of a run's paths (--shard K/N is index K-1 of N).
struct PathShard {
  std::uint64_t index = 0;  ///< 0-based, below count
  std::uint64_t count = 1;  ///< at least 1
};

/// A contiguous range of path indices, [first, first + paths).
struct PathRange {
  std::uint64_t first = 0;
  std::uint64_t paths = 0;
};

/// Shard k of n of [0, total): [floor(total*k/n), floor(total*(k+1)/n)) (128-bit arithmetic,
/// so no product overflows). The shards of a run are disjoint, cover it, and differ in size
/// by at most one path. Throws std::invalid_argument unless count >= 1 and index < count.
PathRange shard_range(std::uint64_t total_paths, PathShard shard);

}  // namespace spendcast::sim
