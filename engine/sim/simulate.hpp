#pragma once

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "model/model.hpp"
#include "sim/block_kernel.hpp"

namespace spendcast::sim {

/// What to simulate and how (the paths of one run, or one shard of it).
struct SimulationOptions {
  std::uint64_t seed = 0;
  std::uint64_t first_path = 0;  ///< first path of this shard
  /// The sampling design this shard belongs to, [design_first, design_first + total_paths):
  /// Latin hypercube strata span it (the whole run, or one --target-se round).
  /// total_paths 0 means this shard alone.
  std::uint64_t design_first = 0;
  std::uint64_t total_paths = 0;
  std::uint64_t paths = 0;  ///< paths of this shard
  /// Paths per block; any value gives the same results. 0: resolve_block_size's choice.
  std::size_t block_size = 0;
  int threads = 0;                          ///< worker threads; 0: all cores
  const std::atomic<bool>* stop = nullptr;  ///< set by a signal handler to stop early
  std::function<void(std::uint64_t paths_done)> progress;  ///< called from workers; may be empty
  /// Whose random numbers each component uses (default: each path its own; pick-freeze).
  model::StreamPaths streams;
};

/// Thrown by simulate() when a path's metric is not finite (the scenario's parameters let
/// the arithmetic overflow): the message names the metric, year, path and parameters.
class NonFiniteValue : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown by simulate() when `stop` was set: no partial result is returned.
class SimulationStopped : public std::runtime_error {
 public:
  SimulationStopped() : std::runtime_error("simulation stopped") {}
};

/// Options for simulating the `paths` paths from `first_path` as one sampling design (a
/// whole run, or one --target-se round) under `seed`; progress is left to the caller.
SimulationOptions design_options(std::uint64_t seed, std::uint64_t first_path, std::uint64_t paths,
                                 std::size_t block_size, int threads,
                                 const std::atomic<bool>* stop);

/// The most worker threads that can help: four per hardware core. More only add memory
/// (one kernel and one sink each), start-up time and scheduling load.
int max_useful_threads();

/// The number of threads a `threads` setting means: 0 is every core; any count is capped
/// at max_useful_threads() (results do not depend on the count).
int resolve_threads(int threads);

/// The block size a `block_size` setting means: itself when positive; for 0, 512, or 256
/// where 512 would not give every thread at least 8 blocks (a block's state then stays
/// in the core's caches: whole runs of the bundled and benchmark scenarios are fastest at
/// 256–512 paths and 6–19 % slower at 4096, docs/PERFORMANCE.md).
std::size_t resolve_block_size(std::size_t block_size, std::uint64_t paths, int threads);

/// The paths of `options` in blocks on at most `options.threads` TBB workers, in a
/// task_arena of that many. The process-wide worker limit (tbb::global_control) belongs
/// to the program: an arena wider than the machine's cores gets its threads only where
/// the caller allowed them (the CLI allows max_useful_threads()). Each worker makes its
/// own state with `make_state()` and its own sink with `make_sink()`, and calls
/// `run_block(state, sink, first_path, n)` for each of its blocks; the sinks are merged
/// at the end with `Sink::merge`, which must be exact and order-free (docs/MODEL.md §6),
/// so the result does not depend on the thread count, the block size or the scheduling.
/// Throws SimulationStopped when `stop` is set.
template <class Sink, class MakeState, class MakeSink, class RunBlock>
Sink for_each_block(const SimulationOptions& options, MakeState make_state, MakeSink make_sink,
                    RunBlock run_block) {
  const int threads = resolve_threads(options.threads);
  const std::uint64_t block = resolve_block_size(options.block_size, options.paths, threads);
  const std::uint64_t blocks = (options.paths + block - 1) / block;
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<decltype(make_state())> states(make_state);
  tbb::enumerable_thread_specific<Sink> sinks(make_sink);
  std::atomic<bool> stopped{false};
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1),
                      [&](const tbb::blocked_range<std::uint64_t>& range) {
                        for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
                          if (options.stop && options.stop->load(std::memory_order_relaxed)) {
                            stopped = true;
                            return;
                          }
                          const std::uint64_t first = options.first_path + b * block;
                          const std::uint64_t n =
                              std::min(block, options.first_path + options.paths - first);
                          run_block(states.local(), sinks.local(), first, n);
                          if (options.progress) options.progress(n);
                        }
                      });
  });
  if (stopped) throw SimulationStopped();
  Sink result = make_sink();
  for (const Sink& s : sinks) result.merge(s);
  return result;
}

/// The paths of `model` in blocks (for_each_block with one BlockKernel per worker): each
/// block's year-end metrics go to the worker's sink. A Sink has
/// `void add(const MetricBlock&)` and `void merge(const Sink&)`.
template <class Sink, class MakeSink>
Sink simulate(const model::Model& model, const SimulationOptions& options, MakeSink make_sink) {
  const std::uint64_t total = options.total_paths ? options.total_paths : options.paths;
  return for_each_block<Sink>(
      options,
      [&] {
        return BlockKernel(model, options.seed, total, options.design_first, options.streams);
      },
      make_sink,
      [](BlockKernel& kernel, Sink& sink, std::uint64_t first, std::uint64_t n) {
        const stats::MetricBlock& block = kernel.run(first, n);
        try {
          sink.add(block);
        } catch (const std::invalid_argument&) {
          // A sink refuses non-finite values; say where and with which parameters.
          if (auto where = kernel.describe_non_finite()) throw NonFiniteValue(*where);
          throw;
        }
      });
}

}  // namespace spendcast::sim
