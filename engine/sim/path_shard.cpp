#include "sim/path_shard.hpp"

#include <stdexcept>
#include <string>

namespace spendcast::sim {

namespace {

__extension__ typedef unsigned __int128 Uint128;

std::uint64_t boundary(std::uint64_t total, std::uint64_t k, std::uint64_t n) {
  return static_cast<std::uint64_t>(static_cast<Uint128>(total) * k / n);
}

}  // namespace

PathRange shard_range(std::uint64_t total_paths, PathShard shard) {
  if (shard.count == 0 || shard.index >= shard.count)
    throw std::invalid_argument("shard " + std::to_string(shard.index) + " of " +
                                std::to_string(shard.count) +
                                ": expected a 0-based index below a count of at least 1");
  const std::uint64_t first = boundary(total_paths, shard.index, shard.count);
  const std::uint64_t end = boundary(total_paths, shard.index + 1, shard.count);
  return {first, end - first};
}

}  // namespace spendcast::sim
