#pragma once

#include <cstdint>
#include <vector>

#include "model/model.hpp"
#include "random/stream.hpp"

namespace spendcast::sim {

/// The floor of BlockKernel's step loop for a model: per step, the generator calls,
/// normals and exponentials that BlockKernel::run makes for it (spend's growth and
/// level noise, the ceiling's exp, each noisy composition's shocks in pairs, one uniform per
/// event, and the year-end softmax's exps), and none of the model's arithmetic. It draws an
/// event's uniform at every step, where the kernel skips the steps outside the event's
/// window, and leaves out the rare draws of an event's effects when it fires. The time of
/// a path-step here is what no implementation of the model on these random numbers can go
/// below; `spendcast bench` and bench/kernel.cpp both measure it.
class KernelFloor {
 public:
  /// A floor for `model`'s draws over blocks of `block` paths.
  KernelFloor(const model::Model& model, std::size_t block);

  /// Draws step `step` (1 … model.steps()) for paths [first_path, first_path + block).
  void run_step(std::uint64_t first_path, int step);

  /// Paths per block.
  std::size_t block() const { return block_; }
  /// Generator calls per path-step, not counting the year-end exps (for reports).
  std::size_t calls_per_step() const { return calls_.size(); }
  /// The draws of the last step (so that a benchmark can keep the work observable).
  const double* data() const { return buffer_.data(); }

 private:
  /// One call per path: a normal pair, its first normal only (the kernel's calls whose
  /// second normal is unused), or one uniform.
  enum class Draws { normal_pair, first_normal, uniform };
  struct Call {
    random::StreamKey key;
    std::uint32_t draw;
    Draws draws;
  };
  std::vector<Call> calls_;
  std::size_t block_;
  int steps_per_year_;
  bool ceiling_;
  std::size_t year_end_exps_;   ///< categories over every composition
  std::vector<double> buffer_;  ///< two block-long arrays per call
  std::vector<double> x_, exp_x_;
};

}  // namespace spendcast::sim
