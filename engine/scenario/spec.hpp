#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/metric_rows.hpp"

namespace spendcast::scenario {

/// A number in a scenario that may be uncertain: a constant or a distribution, as the
/// file gave it (SCENARIO-FORMAT.md "Values"), already checked. Derived forms are
/// normalised: "LO to HI" becomes lognormal (LO > 0) or normal; lognormal p5/p95 and
/// median/sigma become mu/sigma; pert keeps min/mode/max (a Beta with lambda = 4).
struct DistSpec {
  enum class Kind { constant, normal, lognormal, uniform, triangular, pert, beta, discrete };
  Kind kind = Kind::constant;
  double value = 0.0;                             ///< constant
  double mean = 0.0, sd = 0.0;                    ///< normal
  double mu = 0.0, sigma = 0.0;                   ///< lognormal: of ln x
  double min = 0.0, max = 1.0;                    ///< uniform, triangular, pert; beta's rescale
  double mode = 0.0;                              ///< triangular, pert
  double alpha = 0.0, beta = 0.0;                 ///< beta
  std::vector<double> values;                     ///< discrete, in the file's order
  std::vector<double> weights;                    ///< discrete, same length, >= 0, positive sum
  std::optional<std::array<double, 2>> truncate;  ///< [lo, hi] inside the support
  SourcePosition where;                           ///< the value's position (for messages)

  /// A constant distribution at `v`.
  static DistSpec constant_at(double v, SourcePosition where = {});
  /// True when every draw is the same number (a constant).
  bool is_constant() const { return kind == Kind::constant; }
};

/// How per-path parameters are sampled (docs/MODEL.md §1).
enum class Sampling { mc, lhs };

/// [simulation]
struct SimulationSpec {
  int base_year = 0;            ///< Y0, the last observed year
  int horizon = 0;              ///< H, the last projected year (Y0 < H <= Y0 + 50)
  int steps_per_year = 1;       ///< m: 1, 2, 4 or 12
  std::uint64_t paths = 10000;  ///< 1 .. 1e10
  std::uint64_t seed = 0;       ///< 0 .. 2^64 - 1
  Sampling sampling = Sampling::mc;
};

/// One category of a composition (a vendor or a segment), resolved from the data:
/// observed categories in the file's order, then the residual "Other" when observed
/// shares sum to less than 1 - 1e-9, then the entrants in the order declared.
struct CategorySpec {
  std::string name;
  double base_share = 0.0;                  ///< s_i(Y0); 0 for entrants
  std::optional<double> observed_momentum;  ///< ln(s_i(Y0)/s_i(Y0-1)) when both observed
  bool entrant = false;                     ///< inactive until its entry event fires
  std::string entry_event;                  ///< entrants only
};

/// A named per-category value (drift.<name>, initial_momentum.<name>, share_shift.<name>).
struct NamedDist {
  std::string name;
  DistSpec dist;
};

/// [vendors] or [segments] (docs/MODEL.md §3), with its baseline from [data].
struct CompositionSpec {
  std::string kind;                         ///< "vendors" or "segments"
  std::vector<CategorySpec> categories;     ///< see CategorySpec for the order
  std::optional<std::string> of;            ///< vendors only: the segment they split
  DistSpec persistence;                     ///< ψ in [0, 1]
  DistSpec volatility;                      ///< ν >= 0, per year
  DistSpec diversification;                 ///< λ >= 0, per year (default 0)
  std::vector<NamedDist> drift;             ///< d_i, per year (default 0)
  std::vector<NamedDist> initial_momentum;  ///< explicit μ_i(Y0); beats observed momentum
  /// The year whose observed split stands in for the base year's when data has none for
  /// the base year (the latest earlier year, carried forward; momenta then start at 0).
  std::optional<int> carried_from_year;
  /// Correlation of the categories' logit shocks, row-major C x C over `categories`;
  /// empty means independent shocks. Positive definite when present.
  std::vector<double> shock_correlation;

  /// Index of a category by name, or -1.
  int index_of(const std::string& name) const;
};

/// [spend] (docs/MODEL.md §2).
struct SpendSpec {
  double base_spend_usd_bn = 0.0;          ///< D(Y0) > 0
  std::optional<double> observed_growth;   ///< ln(D(Y0)/D(Y0-1)) when D(Y0-1) is observed
  DistSpec long_run_growth;                ///< ḡ, annual log-growth
  DistSpec persistence;                    ///< φ in [0, 1]
  DistSpec volatility;                     ///< σ >= 0
  DistSpec growth_volatility;              ///< τ >= 0 (default 0)
  std::optional<DistSpec> ceiling;         ///< K > 0, USD bn
  bool allow_ceiling_below_spend = false;  ///< a ceiling whose median is below D(Y0) is meant
  std::optional<DistSpec> initial_growth;  ///< g(Y0); beats observed_growth
};

/// One [[event]] (docs/MODEL.md §4). Effects are drawn afresh at each firing.
struct EventSpec {
  std::string name;
  std::string description;
  DistSpec hazard;                        ///< annual probability, in [0, 1]
  int first_year = 0;                     ///< `from` (default Y0 + 1)
  int last_year = 0;                      ///< `until` (default H)
  int max_count = 1;                      ///< >= 1
  std::optional<DistSpec> spend_jump;     ///< multiplier on S, > 0
  std::optional<DistSpec> growth_shift;   ///< added to ḡ
  std::optional<DistSpec> duration;       ///< years the growth shift lasts (> 0); none: for good
  std::vector<NamedDist> share_shift;     ///< one-off logit shifts, by category name
  std::vector<NamedDist> momentum_shift;  ///< added to μ, by category name
  std::optional<std::string> enters;      ///< an entrant category that becomes active
  std::optional<DistSpec> entry_share;    ///< its share on entry, in (0, 1)
  SourcePosition where;                   ///< the [[event]] table
};

/// One [[correlation]] between two per-path parameters (θ names).
struct ThetaCorrelationSpec {
  std::string first, second;
  double rho = 0.0;  ///< in [-1, 1]
  SourcePosition where;
};

/// One threshold list of [report] thresholds: P(metric >= value).
struct ThresholdSpec {
  std::string metric;  ///< a metric name of docs/MODEL.md §5 ("spend", "share.Anthropic")
  std::vector<double> values;
};

/// [report]
struct ReportSpec {
  std::vector<double> quantiles{0.05, 0.25, 0.5, 0.75, 0.95};  ///< each in (0, 1)
  std::vector<ThresholdSpec> thresholds;
};

/// A fully resolved, validated scenario: the immutable value the model compiles.
struct ScenarioSpec {
  std::string name;                  ///< [a-z0-9-]
  std::string title;                 ///< the file's own (never a parent's); may be empty
  std::string description;           ///< the file's own (never a parent's); may be empty
  std::vector<std::string> extends;  ///< names of the scenarios it extends, in order
  /// The KEY=VALUE overrides applied, as given to the loader (the CLI keeps the user's
  /// --set only: --paths, --seed and --steps-per-year are in the run information).
  std::vector<std::string> overrides;
  std::string data_source;  ///< [data] source
  std::string origin;       ///< the file it was read from (or the origin name given)
  SimulationSpec simulation;
  SpendSpec spend;
  std::optional<CompositionSpec> vendors;
  std::optional<CompositionSpec> segments;
  std::vector<EventSpec> events;
  std::vector<ThetaCorrelationSpec> correlations;
  ReportSpec report;
};

/// A per-path parameter θ (docs/MODEL.md §1) by its stable name.
struct ThetaRef {
  std::string name;      ///< "spend.long_run_growth", "vendors.drift.Meta", "event.X.hazard"
  const DistSpec* dist;  ///< points into the spec it was listed from
};

/// Every θ of a spec, constant or not, in a canonical order: spend (long_run_growth,
/// persistence, volatility, growth_volatility, ceiling, initial_growth), then each
/// composition (persistence, volatility, diversification, drift.*, initial_momentum.*),
/// then each event's hazard. The pointers live as long as `spec`.
std::vector<ThetaRef> list_thetas(const ScenarioSpec& spec);

/// The rows of the metrics a run of `spec` records (docs/MODEL.md §5): its vendor and
/// segment category counts and its event count.
MetricRows metric_rows(const ScenarioSpec& spec);

/// Every metric name a run reports apart from the event indicators (docs/MODEL.md §5),
/// in the order of MetricRows: spend, growth, share.<v>, revenue.<v>, hhi,
/// share_segment.<s>, spend.<s>, cagr.
std::vector<std::string> metric_names(const ScenarioSpec& spec);

}  // namespace spendcast::scenario
