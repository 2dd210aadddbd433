#include "sim/kernel_floor.hpp"

#include <algorithm>
#include <string>

#include "random/normal_pairs.hpp"
#include "random/uniform.hpp"
#include "util/batch_math.hpp"

namespace spendcast::sim {

namespace {

/// False only for a θ that is the constant 0 (BlockKernel then skips its noise).
bool may_be_nonzero(const model::Model& model, int theta) {
  if (theta < 0) return false;
  const model::Distribution& d = model.thetas[static_cast<std::size_t>(theta)].distribution;
  return !(d.is_constant() && d.constant() == 0.0);
}

}  // namespace

KernelFloor::KernelFloor(const model::Model& model, std::size_t block)
    : block_(block),
      steps_per_year_(model.steps_per_year),
      ceiling_(model.ceiling_theta >= 0),
      year_end_exps_(0) {
  const random::StreamKey spend = random::stream_key(model.seed, "spend");
  if (may_be_nonzero(model, model.growth_volatility_theta))
    calls_.push_back({spend, 0, Draws::normal_pair});
  if (may_be_nonzero(model, model.volatility_theta))
    calls_.push_back({spend, 1, Draws::first_normal});
  for (const model::Composition& c : model.compositions) {
    year_end_exps_ += c.size();
    if (!may_be_nonzero(model, c.volatility_theta)) continue;
    const random::StreamKey key = random::stream_key(model.seed, c.kind);
    for (std::size_t k = 0; k < c.size(); k += 2)
      calls_.push_back({key, static_cast<std::uint32_t>(k / 2),
                        k + 1 < c.size() ? Draws::normal_pair : Draws::first_normal});
  }
  for (const model::Event& e : model.events)
    calls_.push_back({random::stream_key(model.seed, "event:" + e.name), 0, Draws::uniform});
  buffer_.assign(std::max<std::size_t>(2 * calls_.size(), year_end_exps_) * block, 0.0);
  x_.assign(block, 3.0);
  exp_x_.assign(block, 0.0);
}

void KernelFloor::run_step(std::uint64_t first_path, int step) {
  const auto ustep = static_cast<std::uint32_t>(step);
  double* p = buffer_.data();
  for (const Call& call : calls_) {
    if (call.draws == Draws::uniform)
      random::fill_uniforms(call.key, first_path, block_, ustep, call.draw, p);
    else
      random::fill_normal_pairs(call.key, first_path, block_, ustep, call.draw, p,
                                call.draws == Draws::normal_pair ? p + block_ : nullptr);
    p += 2 * block_;
  }
  if (ceiling_) util::batch_exp(x_.data(), exp_x_.data(), block_);
  if (step % steps_per_year_ == 0)
    for (std::size_t k = 0; k < year_end_exps_; ++k)
      util::batch_exp(buffer_.data() + k * block_, buffer_.data() + k * block_, block_);
}

}  // namespace spendcast::sim
