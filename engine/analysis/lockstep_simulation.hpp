#pragma once

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
/// same noise (common random numbers, docs/MODEL.md §6), and the blocks are handed together
/// to the worker's sink as `sink.add(std::span<const MetricBlock* const>)`, in the
/// models' order. Sinks are merged at the end with `Sink::merge`, which must be exact and
/// order-free (as in simulate()), so results do not depend on threads or block size.
/// `options` as for simulate(); throws SimulationStopped when `stop` is set.
template <class Sink, class MakeSink>
Sink simulate_lockstep(std::span<const model::Model* const> models,
                       const sim::SimulationOptions& options, MakeSink make_sink) {
  const std::uint64_t total = options.total_paths ? options.total_paths : options.paths;
  return for_each_block<Sink>(
      options,
      [&] {
        std::vector<sim::BlockKernel> kernels;
        kernels.reserve(models.size());
        for (const model::Model* m : models)
          kernels.emplace_back(*m, options.seed, total, options.design_first);
        return kernels;
      },
      make_sink,
      [](std::vector<sim::BlockKernel>& kernels, Sink& sink, std::uint64_t first, std::uint64_t n) {
        std::vector<const stats::MetricBlock*> out(kernels.size());
        for (std::size_t k = 0; k < kernels.size(); ++k) out[k] = &kernels[k].run(first, n);
        sink.add(std::span<const stats::MetricBlock* const>(out));
      });
}

}  // namespace spendcast::analysis
