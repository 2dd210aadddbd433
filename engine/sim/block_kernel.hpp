#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/parameter_draws.hpp"
#include "model/stream_paths.hpp"
#include "random/stream.hpp"
#include "stats/metric_block.hpp"

namespace spendcast::sim {

/// Simulates blocks of consecutive paths (docs/MODEL.md §2–5) in structure-of-arrays form:
/// time steps outer, paths inner, one contiguous array per state variable. One kernel
/// per worker thread; its buffers grow to the largest block once and are then reused,
/// so the step loop never allocates. Each component's code path (noise or none, ceiling
/// or none, drift, diversification, ...) is chosen once per block.
///
/// `run` is the model's time loop: `prepare` (θ draws, the start from the data, per-path
/// constants), then per step `fire_events`, `step_spend`, `step_composition` for each
/// composition, and `record_year` at each year end. Each of those opens with the
/// equations it implements (docs/ARCHITECTURE.md, "How to read the hot loop").
class BlockKernel {
 public:
  /// A kernel for `model` under `seed`, for paths of the sampling design
  /// [design_first, design_first + design_size) (Latin hypercube strata span it).
  /// `streams` says whose random numbers each component of a path uses (default: its own).
  BlockKernel(const model::Model& model, std::uint64_t seed, std::uint64_t design_size,
              std::uint64_t design_first = 0, model::StreamPaths streams = {});

  /// Simulates paths [first_path, first_path + n) and returns their year-end metrics
  /// (valid until the next call).
  const stats::MetricBlock& run(std::uint64_t first_path, std::size_t n);

  /// What the invariant check saw over every step of every block run since enabled.
  struct InvariantReport {
    long long steps_checked = 0;
    double max_sum_error = 0.0;  ///< max |Σ shares − 1| over paths, steps, compositions
    double min_share = 1.0, max_share = 0.0;
    long long inactive_nonzero = 0;  ///< shares of inactive entrants that were not 0
  };
  /// Checks the shares after every step (not only year ends) when on: for tests; costs a
  /// softmax per step.
  void check_invariants(bool on) { checking_ = on; }
  /// The report of the invariant check.
  const InvariantReport& invariants() const { return report_; }

  /// When the last run's metrics hold a value that is not finite: which metric, year and
  /// path (the first in metric, year, path order), and every parameter θ of that path, for
  /// an error message; std::nullopt when every value is finite.
  std::optional<std::string> describe_non_finite() const;

 private:
  /// One composition's state over the block (docs/MODEL.md §3): category-major arrays
  /// [k·n + i] for category k of path i, per-path constants [i].
  struct CompositionState {
    const model::Composition* spec = nullptr;
    random::StreamKey key;
    std::size_t categories = 0;
    std::vector<double> logit;              ///< a_k
    std::vector<double> momentum;           ///< μ_k, per year
    std::vector<double> drift;              ///< d_k, the momentum μ_k reverts to
    std::vector<double> pending_shift;      ///< E_k: share shifts fired this step, not yet added
    std::vector<double> shock;              ///< this step's correlated normals (L_c·ε)_k
    std::vector<double> active;             ///< 1 while category k is active on the path, else 0
    std::vector<double> momentum_decay;     ///< A_ψ = ψ^Δ, per path
    std::vector<double> momentum_integral;  ///< B_ψ = (1 − A_ψ)/κ_ψ, per path
    std::vector<double> pull;               ///< P = e^(−λΔ), per path
    std::vector<double> shock_scale;        ///< ν·c, per path
    std::vector<double> active_count;       ///< per path: active categories (for the mean logit)
    /// Entrants whose event fired this step, entered at the step's end (category order).
    struct Entry {
      std::size_t category;
      std::size_t path;  ///< index in the block
      double share;
    };
    std::vector<Entry> entries;
    // What some path of the block needs; a block without it skips that work.
    bool has_drift = false, diversifies = false, noisy = false, shifted = false;
    bool has_entrants = false;
  };
  /// One event's state over the block (docs/MODEL.md §4).
  struct EventState {
    const model::Event* spec = nullptr;
    random::StreamKey key;
    std::vector<double> step_probability;  ///< p = 1 − (1 − h)^Δ per path
    std::vector<int> count;                ///< firings so far per path
    /// [slot·n + i]: step a growth shift ends (0: none). One slot per firing a path can
    /// have: min(max_count, steps in the event's years), never max_count alone.
    std::vector<int> expiry_step;
    std::vector<double> expiry_amount;  ///< [slot·n + i]: the shift to remove then
    std::size_t used_slots = 0;         ///< slots any path of the block has filled so far
    std::vector<double> fire_uniform;   ///< scratch: this step's firing uniforms
    bool possible = false;              ///< some path has a positive hazard
    std::uint64_t path_offset = 0;      ///< its stream's path: path + this (StreamPaths)
  };

  // Before step 1 (docs/MODEL.md §1–4): draw the θs, start every path from the data and
  // compute the per-path constants of each step.
  void prepare(std::uint64_t first_path, std::size_t n);
  void prepare_spend();
  void prepare_composition(CompositionState& c);
  void prepare_event(EventState& e);

  // One step n (docs/MODEL.md §4, "Order within a step").
  void fire_events(int step, int year);
  void expire_growth_shifts(EventState& e, int step);
  void fire(EventState& e, std::size_t i, int step);
  void step_spend(int step);
  void step_composition(CompositionState& c, int step);
  void draw_logit_shocks(CompositionState& c, int step);
  const double* advance_momentum(CompositionState& c);
  void pull_and_shock_logits(CompositionState& c, const double* mean_logit);
  void enter_categories(CompositionState& c);

  // At a year end (docs/MODEL.md §5).
  void record_year(int year_index);
  void shares_of(const CompositionState& c, double* shares_out);
  void check_step();

  const model::Model& model_;
  std::uint64_t seed_;
  std::uint64_t design_size_;
  std::uint64_t design_first_;
  double dt_;  ///< Δ = 1/m
  std::uint64_t first_path_ = 0;
  std::size_t n_ = 0;

  model::StreamPaths streams_;
  model::ParameterDraws theta_;
  random::StreamKey spend_key_;

  // Spend state (docs/MODEL.md §2), one value per path.
  std::vector<double> log_spend_;        ///< x = ln S
  std::vector<double> growth_rate_;      ///< g, the current growth rate of ln S
  std::vector<double> growth_shift_;     ///< G: the growth shifts in force
  std::vector<double> log_jump_;         ///< J: Σ ln(jump) of this step's firings
  std::vector<double> last_year_spend_;  ///< S at the previous year end (for "growth")
  // Spend's per-path constants.
  std::vector<double> excess_decay_;                       ///< A = φ^Δ
  std::vector<double> excess_integral_;                    ///< B = (1 − A)/κ
  std::vector<double> shock_l11_, shock_l21_, shock_l22_;  ///< Cholesky factor of Cov(U, I)
  std::vector<double> level_shock_scale_;                  ///< σ·√Δ
  // What some path of the block needs; a block without it skips that work.
  bool noisy_growth_ = false, noisy_level_ = false, has_ceiling_ = false, has_jumps_ = false;

  std::vector<double> z0_, z1_;  ///< a step's standard normals (z₀, z₁; ε reuses z0_)
  /// Per-path scratch; each use names what it holds where it takes it.
  std::vector<double> scratch_a_, scratch_b_, scratch_c_;

  std::vector<CompositionState> compositions_;
  std::vector<EventState> events_;

  bool checking_ = false;
  InvariantReport report_;
  std::vector<double> segment_shares_, vendor_shares_;  ///< shares at a year end
  std::vector<double> output_;  ///< metric-major year-end values of the block
  stats::MetricBlock block_;
};

}  // namespace spendcast::sim
