#pragma once

#include <atomic>
#include <functional>

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/observations.hpp"
#include "model/model.hpp"
#include "model/parameter_draws.hpp"
#include "random/stream.hpp"
#include "stats/forecast_accumulator.hpp"
#include "stats/metric_block.hpp"
#include "stats/moments.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast::analysis {

/// One observed value the forecast is conditioned on: the metric's year-end value in
/// `year` was measured as `value`, with a Gaussian error of standard deviation `sd` (on
/// the log scale when `log_scale`: then value > 0 and sd is that of ln value).
struct ConditioningObservation {
  std::string metric;
  int year = 0;
  double value = 0.0;
  double sd = 0.0;
  bool log_scale = false;
};

/// The observations resolved against a layout: metric row and year index per observation.
struct Likelihood {
  struct Term {
    std::size_t metric = 0, year = 0;  ///< row and year index in the MetricBlock
    double center = 0.0;               ///< value, or ln value on the log scale
    double inverse_sd = 0.0;
    bool log_scale = false;
  };
  std::vector<Term> terms;

  /// Resolves `observations` against `layout`; throws std::invalid_argument naming an
  /// unknown metric, a year outside the reported years, sd <= 0, or a value <= 0 on the
  /// log scale.
  static Likelihood resolve(const std::vector<ConditioningObservation>& observations,
                            const stats::MetricLayout& layout);

  /// ln of a path's likelihood over the largest possible one (<= 0): the sum over terms of
  /// -((t(x) - center) * inverse_sd)^2 / 2, t = ln on the log scale (-inf for x <= 0).
  double log_ratio(const stats::MetricBlock& block, std::size_t path) const;
};

/// The likelihood of an observations file for run --condition: checks the observations
/// against `layout` (check_observations), requires each to state its uncertainty (`sd` or
/// an interval value) and resolves them (log scale per on_log_scale). Throws ScenarioError
/// listing every problem at its position.
Likelihood likelihood_of(const std::vector<Observation>& observations,
                         const stats::MetricLayout& layout);

/// A sink for simulate-like drivers that keeps each path with probability equal to its
/// likelihood ratio (exact rejection: approximate Bayesian computation on the stated
/// likelihood). The accept/reject uniform of path p is the first uniform of the
/// "condition" stream at step 0, draw 0, so the kept set depends only on (seed, path):
/// the result is bitwise the same for any thread count, block size or split of the paths.
/// Kept paths go, compacted, to a ForecastAccumulator; every non-constant θ goes to a
/// prior sketch and, when kept, to a posterior sketch. Counts are exact integers.
class ConditionedForecast {
 public:
  ConditionedForecast(const model::Model& model, Likelihood likelihood, std::uint64_t seed,
                      stats::AccumulatorOptions options = {});

  /// Adds a block of year-end metrics with the θs of the same paths.
  void add(const stats::MetricBlock& block, const model::ParameterDraws& theta);
  /// Adds everything `other` accumulated (same model, likelihood and seed).
  void merge(const ConditionedForecast& other);

  /// The conditional forecast: the kept paths only.
  const stats::ForecastAccumulator& kept() const { return kept_; }
  /// Paths simulated.
  std::uint64_t paths() const { return paths_; }
  /// Paths kept.
  std::uint64_t kept_paths() const { return kept_paths_; }
  /// Names of the non-constant θs, in the model's order.
  const std::vector<std::string>& theta_names() const { return theta_names_; }
  /// θ k's values over every path (prior) and over kept paths (posterior).
  const stats::QuantileSketch& prior(std::size_t k) const { return prior_[k]; }
  const stats::QuantileSketch& posterior(std::size_t k) const { return posterior_[k]; }
  /// Exact moments of θ k over kept paths.
  const stats::Moments& posterior_moments(std::size_t k) const { return posterior_moments_[k]; }

 private:
  Likelihood likelihood_;
  random::StreamKey key_;
  stats::ForecastAccumulator kept_;
  std::uint64_t paths_ = 0, kept_paths_ = 0;
  std::vector<int> theta_index_;  ///< model θ index of each non-constant θ
  std::vector<std::string> theta_names_;
  std::vector<stats::QuantileSketch> prior_, posterior_;
  std::vector<stats::Moments> posterior_moments_;
  std::vector<double> compact_;  ///< scratch: the kept paths' values, block layout
};

/// Simulates `paths` paths of `model` from `first_path` (one sampling design, as one
/// --target-se round of a plain run: later rounds take the next path ranges) on `threads`
/// workers and conditions them on `likelihood`. `stop` (set by Ctrl-C) ends the run early
/// with SimulationStopped and no result; `progress` is called from the workers with the
/// paths of each finished block.
ConditionedForecast simulate_conditioned(
    const model::Model& model, const Likelihood& likelihood, std::uint64_t seed,
    std::uint64_t paths, int threads, stats::AccumulatorOptions options = {},
    const std::atomic<bool>* stop = nullptr,
    std::function<void(std::uint64_t paths_done)> progress = {}, std::uint64_t first_path = 0);

}  // namespace spendcast::analysis
