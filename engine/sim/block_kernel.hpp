#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/parameter_draws.hpp"
#include "model/stream_paths.hpp"
#include "random/philox.hpp"
#include "stats/metric_block.hpp"

namespace spendcast {

/// Simulates blocks of consecutive paths (docs/MODEL.md §2–4) in structure-of-arrays form:
/// time steps outer, paths inner, one contiguous array per state variable. One kernel
/// per worker thread; its buffers grow to the largest block once and are then reused,
/// so the step loop never allocates. Each component's code path (noise or none, ceiling
/// or none, drift, diversification, ...) is chosen once per block.
class BlockKernel {
 public:
  /// A kernel for `model` under `seed`, for paths of the sampling design
  /// [design_first, design_first + design_size) (Latin hypercube strata span it).
  /// `streams` says whose random numbers each component of a path uses (default: its own).
  BlockKernel(const Model& model, std::uint64_t seed, std::uint64_t design_size,
              std::uint64_t design_first = 0, StreamPaths streams = {});

  /// Simulates paths [first_path, first_path + n) and returns their year-end metrics
  /// (valid until the next call).
  const MetricBlock& run(std::uint64_t first_path, std::size_t n);

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
  /// One composition's state over the block: category-major arrays [k·n + i].
  struct CompositionState {
    const Composition* spec = nullptr;
    random::StreamKey key;
    std::size_t categories = 0;
    std::vector<double> logit, momentum, drift, pending_shift, shock, active;
    std::vector<double> decay_a, decay_b, pull, shock_scale;
    std::vector<double> active_count;  ///< per path: active categories (for the mean logit)
    /// Entrants whose event fired this step, entered at the step's end (category order).
    struct Entry {
      std::size_t category;
      std::size_t path;  ///< index in the block
      double share;
    };
    std::vector<Entry> entries;
    bool has_drift = false, diversifies = false, noisy = false, shifted = false;
    bool has_entrants = false;
  };
  /// One event's state over the block.
  struct EventState {
    const Event* spec = nullptr;
    random::StreamKey key;
    std::vector<double> step_probability;  ///< 1 − (1 − hazard)^Δ per path
    std::vector<int> count;                ///< firings so far per path
    /// [slot·n + i]: step a growth shift ends (0: none). One slot per firing a path can
    /// have: min(max_count, steps in the event's years), never max_count alone.
    std::vector<int> expiry_step;
    std::vector<double> expiry_amount;  ///< [slot·n + i]: the shift to remove then
    std::size_t used_slots = 0;         ///< slots any path of the block has filled so far
    std::vector<double> fire_uniform;   ///< scratch
    bool possible = false;              ///< some path has a positive hazard
    std::uint64_t path_offset = 0;      ///< its stream's path: path + this (StreamPaths)
  };

  void prepare(std::uint64_t first_path, std::size_t n);
  void fire_events(int step, int year);
  void step_spend(int step);
  void step_composition(CompositionState& c, int step);
  void enter_categories(CompositionState& c);
  void record_year(int year_index);
  void shares_of(const CompositionState& c, double* shares_out);

  const Model& model_;
  std::uint64_t seed_;
  std::uint64_t design_size_;
  std::uint64_t design_first_;
  double dt_;
  std::uint64_t first_path_ = 0;
  std::size_t n_ = 0;

  StreamPaths streams_;
  ParameterDraws theta_;
  random::StreamKey spend_key_;

  // Spend state and per-path constants.
  std::vector<double> x_, g_, growth_shift_, jump_, prev_spend_;
  std::vector<double> decay_a_, decay_b_, shock_l11_, shock_l21_, shock_l22_, sigma_sdt_;
  std::vector<double> u0_, u1_, z0_, z1_, scratch_;
  bool noisy_growth_ = false, noisy_level_ = false, has_ceiling_ = false, has_jumps_ = false;

  std::vector<CompositionState> compositions_;
  std::vector<EventState> events_;

  void check_step();

  bool checking_ = false;
  InvariantReport report_;
  std::vector<double> seg_buffer_, vendor_buffer_;  ///< shares at a year end
  std::vector<double> output_;                      ///< metric-major year-end values of the block
  MetricBlock block_;
};

}  // namespace spendcast
