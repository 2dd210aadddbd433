#pragma once

#include "scenario/spec.hpp"

namespace spendcast::model {

/// Checks, before any path is simulated, that the model's arithmetic stays finite for the
/// draws a run can make (docs/SCENARIO-FORMAT.md, "Ranges that keep the arithmetic
/// finite"):
/// - every distribution can be evaluated (Boost.Math does not fail) and gives finite
///   values at its extreme draws: probability 1e-15 from either end for a per-path
///   parameter, 2^-53 (the smallest uniform drawn) for an event effect;
/// - a spend_jump never draws 0 or less (its log is taken);
/// - log spend moves by at most `max_log_spend_move` over the horizon, bounded by
///   H·max|g| (long-run and initial growth plus every growth_shift that can be in force,
///   max_count firings at most) + 10·σ·√H (spend shocks at 10 sd) + 10·τ·H^1.5/√3 (growth
///   shocks at 10 sd, integrated) + the logs of every spend_jump that can fire.
/// Throws ScenarioError naming the key(s) at their positions; returns when all is well.
void check_finite_arithmetic(const scenario::ScenarioSpec& spec);

/// The largest move of log spend over the horizon the check allows: e^250 ≈ 3.7e108, so
/// that spend, its squares summed over 10^10 paths, and every derived metric stay finite.
inline constexpr double max_log_spend_move = 250.0;

}  // namespace spendcast::model
