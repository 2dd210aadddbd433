#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace spendcast::sim {

/// The probability that an event of yearly hazard h fires in a step of Δ years:
/// 1 − (1 − h)^Δ (1 when h >= 1), as BlockKernel computes it (docs/MODEL.md §4).
inline double event_step_probability(double hazard, double dt) {
  return hazard >= 1.0 ? 1.0 : -std::expm1(dt * std::log1p(-hazard));
}

/// The uncertain inputs of one event besides its hazard (a θ): when it first fired and
/// the effect sizes drawn at that firing, named "event.<name>.<input>".
class EventDraws {
 public:
  /// The inputs of event `index` of `model` that can vary between paths: "time" (the
  /// event can fire in more than one step), then each effect with a non-constant
  /// distribution: "spend_jump", "growth_shift", "duration", "entry_share",
  /// "share_shift.<category>", "momentum_shift.<category>".
  EventDraws(const model::Model& model, std::size_t index);

  /// The inputs' names, "event.<name>.<input>".
  const std::vector<std::string>& names() const { return names_; }

  /// Replays the event on `path` under `seed` with hazard `hazard` up to the end of
  /// `year`, from its stream as BlockKernel::fire_events draws it (docs/MODEL.md §6:
  /// draw 0 fires, 1 (spend_jump, growth_shift), 2 (duration, entry_share), 3 + k (k-th
  /// share_shift, k-th momentum_shift)) and writes one value per input to `out`: the
  /// time of the first firing as the fractional year at the end of its step (base year +
  /// step/steps per year: 2025 for step 1 of yearly steps),
  /// +∞ when it had not fired; each effect as drawn at the first firing, or its neutral
  /// value when it had not fired (spend_jump 1, the others 0). Returns the number of firings by
  /// then.
  int replay(std::uint64_t seed, std::uint64_t path, double hazard, int year, double* out) const;

 private:
  enum class Input { time, spend_jump, growth_shift, duration, entry_share, share, momentum };
  struct Slot {
    Input input;
    std::size_t k = 0;  ///< share_shift / momentum_shift index
  };
  const model::Model* model_;
  const model::Event* event_;
  std::vector<std::string> names_;
  std::vector<Slot> slots_;
};

}  // namespace spendcast::sim
