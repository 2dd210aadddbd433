#include "sim/simulate.hpp"

#include <algorithm>
#include <thread>

namespace spendcast::sim {

SimulationOptions design_options(std::uint64_t seed, std::uint64_t first_path, std::uint64_t paths,
                                 std::size_t block_size, int threads,
                                 const std::atomic<bool>* stop) {
  SimulationOptions o;
  o.seed = seed;
  o.first_path = first_path;
  o.paths = paths;
  o.design_first = first_path;
  o.total_paths = paths;
  o.block_size = block_size;
  o.threads = threads;
  o.stop = stop;
  return o;
}

namespace {

int hardware_cores() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 && cores < 65536 ? static_cast<int>(cores) : 1;
}

}  // namespace

int max_useful_threads() {
  return 4 * hardware_cores();
}

int resolve_threads(int threads) {
  if (threads > 0) return std::min(threads, max_useful_threads());
  return hardware_cores();
}

std::size_t resolve_block_size(std::size_t block_size, std::uint64_t paths, int threads) {
  if (block_size > 0) return block_size;
  const std::uint64_t wanted_blocks = 8 * static_cast<std::uint64_t>(std::max(threads, 1));
  std::size_t size = 512;
  while (size > 256 && paths / size < wanted_blocks) size /= 2;
  return size;
}

}  // namespace spendcast::sim
