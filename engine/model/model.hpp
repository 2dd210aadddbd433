#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/distribution.hpp"
#include "scenario/spec.hpp"
#include "stats/metric_layout.hpp"

namespace spendcast::model {

/// A per-path parameter θ, compiled: drawn once per path before step 1 (docs/MODEL.md §1).
struct Theta {
  std::string name;  ///< stable θ name, e.g. "spend.long_run_growth"
  Distribution distribution;
  int copula_index = -1;  ///< row in the copula's Cholesky factor, or -1 (independent)
};

/// A composition (vendors or segments), compiled (docs/MODEL.md §3).
struct Composition {
  std::string kind;                       ///< "vendors" or "segments": its random stream's name
  std::vector<std::string> names;         ///< categories: observed, "Other", entrants
  std::vector<double> logit0;             ///< ln s_i(Y0); unused for entrants
  std::vector<bool> entrant;              ///< inactive until its entry event fires
  std::vector<double> observed_momentum;  ///< μ_i(Y0) from data (0 when not observed)
  std::vector<int> momentum_theta;        ///< θ index of initial_momentum.<name>, or -1
  std::vector<int> drift_theta;           ///< θ index of drift.<name>, or -1 (drift 0)
  int persistence_theta = -1;             ///< ψ
  int volatility_theta = -1;              ///< ν
  int diversification_theta = -1;         ///< λ
  Eigen::MatrixXd shock_cholesky;         ///< L of the shock correlation; empty: independent
  int of_segment = -1;                    ///< vendors: the segment category they split, or -1

  /// Number of categories.
  std::size_t size() const { return names.size(); }
  /// True when some category starts inactive.
  bool has_entrants() const;
};

/// A per-category effect of an event: a share or momentum shift.
struct CategoryEffect {
  int composition = 0;  ///< 0 vendors, 1 segments (index into Model::compositions)
  int category = 0;
  Distribution size;
};

/// An event, compiled (docs/MODEL.md §4).
struct Event {
  std::string name;
  int hazard_theta = -1;  ///< θ index of event.<name>.hazard
  int first_year = 0, last_year = 0;
  int max_count = 1;
  std::optional<Distribution> spend_jump, growth_shift, duration;
  std::vector<CategoryEffect> share_shift, momentum_shift;
  int enters_composition = -1, enters_category = -1;  ///< the entrant, or -1
  std::optional<Distribution> entry_share;
};

/// The immutable, compiled scenario the simulation runs (one per scenario).
struct Model {
  std::string name;
  int base_year = 0, horizon = 0, steps_per_year = 1;
  std::uint64_t paths = 0;
  std::uint64_t seed = 0;
  scenario::Sampling sampling = scenario::Sampling::mc;

  double log_base_spend = 0.0;   ///< ln D(Y0)
  double observed_growth = 0.0;  ///< g(Y0) from data, when initial_growth_theta < 0
  int long_run_growth_theta = -1, persistence_theta = -1, volatility_theta = -1,
      growth_volatility_theta = -1, ceiling_theta = -1, initial_growth_theta = -1;

  std::vector<Theta> thetas;              ///< every θ, in list_thetas order
  Eigen::MatrixXd copula_cholesky;        ///< over the θs with copula_index >= 0
  std::vector<Composition> compositions;  ///< vendors first (when present), then segments
  int vendors = -1, segments = -1;        ///< indices into compositions, or -1
  std::vector<Event> events;
  scenario::MetricRows rows;                          ///< the row of each metric a path records
  std::shared_ptr<const stats::MetricLayout> layout;  ///< what a run records and reports

  /// Projected years H − Y0.
  int years() const { return horizon - base_year; }
  /// Total steps m·(H − Y0).
  int steps() const { return steps_per_year * years(); }
  /// Index of a θ by name, or -1.
  int theta_index(const std::string& name) const;
};

/// Compiles a validated spec. Throws ScenarioError (a user error, naming the key) when a
/// distribution cannot be evaluated or the arithmetic could leave the range of a double
/// (check_finite_arithmetic); std::invalid_argument on an inconsistency that validation
/// should have caught (a bug).
Model compile_model(const scenario::ScenarioSpec& spec);

}  // namespace spendcast::model
