#pragma once

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "model/model.hpp"
#include "sim/block_kernel.hpp"
#include "sim/simulate.hpp"

namespace spendcast::analysis {

/// Simulates several models over the same paths in lockstep: each block of paths
/// [first, first + n) is run by every model (one BlockKernel per model per worker
/// thread) under the same seed and sampling design, so path i of every model sees the
/// same noise (common random numbers, MODEL.md §6), and the blocks are handed together
/// to the worker's sink as `sink.add(std::span<const MetricBlock* const>)`, in the
/// models' order. Sinks are merged at the end with `Sink::merge`, which must be exact and
/// order-free (as in simulate()), so results do not depend on threads or block size.
/// `options` as for simulate(); throws SimulationStopped when `stop` is set.
template <class Sink, class MakeSink>
Sink simulate_lockstep(std::span<const Model* const> models, const SimulationOptions& options,
                       MakeSink make_sink) {
  const std::uint64_t total = options.total_paths ? options.total_paths : options.paths;
  const std::uint64_t block = std::max<std::size_t>(options.block_size, 1);
  const std::uint64_t blocks = (options.paths + block - 1) / block;
  const int threads = resolve_threads(options.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<std::vector<BlockKernel>> kernels([&] {
    std::vector<BlockKernel> k;
    k.reserve(models.size());
    for (const Model* m : models) k.emplace_back(*m, options.seed, total, options.design_first);
    return k;
  });
  tbb::enumerable_thread_specific<Sink> sinks(make_sink);
  std::atomic<bool> stopped{false};
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1),
                      [&](const tbb::blocked_range<std::uint64_t>& range) {
                        std::vector<BlockKernel>& mine = kernels.local();
                        std::vector<const MetricBlock*> out(mine.size());
                        for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
                          if (options.stop && options.stop->load(std::memory_order_relaxed)) {
                            stopped = true;
                            return;
                          }
                          const std::uint64_t first = options.first_path + b * block;
                          const std::uint64_t n =
                              std::min(block, options.first_path + options.paths - first);
                          for (std::size_t k = 0; k < mine.size(); ++k)
                            out[k] = &mine[k].run(first, n);
                          sinks.local().add(std::span<const MetricBlock* const>(out));
                          if (options.progress) options.progress(n);
                        }
                      });
  });
  if (stopped) throw SimulationStopped();
  Sink result = make_sink();
  for (const Sink& s : sinks) result.merge(s);
  return result;
}

}  // namespace spendcast::analysis
