#pragma once

// Scenario specs built in memory (no files) and a sink that keeps every value, for the
// model and simulation tests.

#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "model/model.hpp"
#include "scenario/spec.hpp"
#include "sim/simulate.hpp"
#include "stats/metric_block.hpp"

namespace spendcast::testing {

inline scenario::DistSpec constant(double v) {
  return scenario::DistSpec::constant_at(v);
}

inline scenario::DistSpec uniform(double lo, double hi) {
  scenario::DistSpec d;
  d.kind = scenario::DistSpec::Kind::uniform;
  d.min = lo;
  d.max = hi;
  return d;
}

inline scenario::DistSpec lognormal(double mu, double sigma) {
  scenario::DistSpec d;
  d.kind = scenario::DistSpec::Kind::lognormal;
  d.mu = mu;
  d.sigma = sigma;
  return d;
}

inline scenario::DistSpec normal(double mean, double sd) {
  scenario::DistSpec d;
  d.kind = scenario::DistSpec::Kind::normal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

/// A composition with observed categories (name, share 2023, share 2024) and the
/// residual "Other" when the 2024 shares sum to less than 1.
inline scenario::CompositionSpec composition(
    const std::string& kind, const std::vector<std::tuple<std::string, double, double>>& obs,
    double persistence, double volatility) {
  scenario::CompositionSpec c;
  c.kind = kind;
  double prev = 0, base = 0;
  for (const auto& [name, s23, s24] : obs) {
    scenario::CategorySpec cat;
    cat.name = name;
    cat.base_share = s24;
    if (s23 > 0) cat.observed_momentum = std::log(s24 / s23);
    prev += s23;
    base += s24;
    c.categories.push_back(cat);
  }
  if (base < 1 - 1e-9) {
    scenario::CategorySpec other;
    other.name = "Other";
    other.base_share = 1 - base;
    if (prev > 0 && prev < 1 - 1e-9) other.observed_momentum = std::log((1 - base) / (1 - prev));
    c.categories.push_back(other);
  }
  c.persistence = constant(persistence);
  c.volatility = constant(volatility);
  c.diversification = constant(0);
  return c;
}

/// The Menlo 2023–2024 data with constant, noiseless parameters: a base to vary.
inline scenario::ScenarioSpec menlo_spec(int horizon = 2030, int steps_per_year = 1) {
  scenario::ScenarioSpec s;
  s.name = "test";
  s.simulation.base_year = 2024;
  s.simulation.horizon = horizon;
  s.simulation.steps_per_year = steps_per_year;
  s.simulation.paths = 1000;
  s.simulation.seed = 20241120;
  s.spend.base_spend_usd_bn = 13.8;
  s.spend.observed_growth = std::log(13.8 / 2.3);
  s.spend.long_run_growth = constant(0.25);
  s.spend.persistence = constant(0.5);
  s.spend.volatility = constant(0.0);
  s.spend.growth_volatility = constant(0.0);
  s.vendors = composition("vendors",
                          {{"OpenAI", 0.50, 0.34},
                           {"Anthropic", 0.12, 0.24},
                           {"Meta", 0.16, 0.16},
                           {"Google", 0.07, 0.12},
                           {"Mistral", 0.06, 0.05}},
                          0.5, 0.0);
  return s;
}

/// Adds the 2024 segments, with vendors splitting "models".
inline void add_segments(scenario::ScenarioSpec& s) {
  s.segments = composition(
      "segments", {{"models", 0, 0.254}, {"applications", 0, 0.333}, {"infrastructure", 0, 0.413}},
      0.5, 0.1);
  s.segments->initial_momentum.push_back({"applications", constant(0.24)});
  s.vendors->of = "models";
}

/// A sink that keeps every value: values[metric][year][path] for the whole run.
class ValueStore {
 public:
  ValueStore() = default;
  ValueStore(std::size_t metrics, std::size_t years, std::uint64_t paths)
      : years_(years), paths_(paths), values_(metrics * years * paths, NAN) {}

  void add(const stats::MetricBlock& b) {
    for (std::size_t m = 0; m < b.metrics; ++m)
      for (std::size_t y = 0; y < b.years; ++y) {
        const double* row = b.row(m, y);
        for (std::size_t i = 0; i < b.paths; ++i)
          values_[(m * years_ + y) * paths_ + (b.first_path - offset_) + i] = row[i];
      }
  }
  void merge(const ValueStore& other) {
    for (std::size_t k = 0; k < values_.size(); ++k)
      if (!std::isnan(other.values_[k])) values_[k] = other.values_[k];
  }
  void set_offset(std::uint64_t offset) { offset_ = offset; }

  /// The value of metric m in year index y on path p (relative to the first path run).
  double at(std::size_t m, std::size_t y, std::uint64_t p) const {
    return values_[(m * years_ + y) * paths_ + p];
  }
  /// Every path's value of metric m in year index y.
  std::vector<double> column(std::size_t m, std::size_t y) const {
    return {values_.begin() + (m * years_ + y) * paths_,
            values_.begin() + (m * years_ + y + 1) * paths_};
  }
  const std::vector<double>& raw() const { return values_; }

 private:
  std::size_t years_ = 0;
  std::uint64_t paths_ = 0, offset_ = 0;
  std::vector<double> values_;
};

/// How run_all runs a model; the defaults are what most tests want.
struct RunOptions {
  std::uint64_t paths = 0;
  int threads = 1;
  std::size_t block = 1024;                          ///< paths per block; 0: the automatic size
  std::uint64_t first = 0;                           ///< first path
  std::uint64_t total = 0;                           ///< sampling design size; 0: `paths`
  std::optional<std::uint64_t> seed = std::nullopt;  ///< instead of the model's seed
};

/// Runs `model` over paths [first, first + paths) and keeps every value. As the caller
/// of simulate(), it allows TBB `threads` workers process-wide (the library only opens a
/// task_arena of that many), so a count above the machine's cores is really used.
inline ValueStore run_all(const model::Model& model, const RunOptions& run) {
  const tbb::global_control workers(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(std::max(run.threads, 1)));
  sim::SimulationOptions o;
  o.seed = run.seed.value_or(model.seed);
  o.paths = run.paths;
  o.first_path = run.first;
  o.total_paths = run.total ? run.total : run.paths;
  o.block_size = run.block;
  o.threads = run.threads;
  const std::size_t metrics = model.layout->metrics.size(), years = model.layout->years.size();
  return simulate<ValueStore>(model, o, [&] {
    ValueStore s(metrics, years, run.paths);
    s.set_offset(run.first);
    return s;
  });
}

/// run_all over `paths` paths on `threads` workers, the rest as RunOptions' defaults.
inline ValueStore run_all(const model::Model& model, std::uint64_t paths, int threads = 1) {
  return run_all(model, RunOptions{.paths = paths, .threads = threads});
}

/// Mean and standard error of the mean of a sample.
inline std::pair<double, double> mean_se(const std::vector<double>& v) {
  long double s = 0, s2 = 0;
  for (double x : v) s += x;
  const long double mean = s / v.size();
  for (double x : v) s2 += (x - mean) * (x - mean);
  const double var = static_cast<double>(s2 / (v.size() - 1));
  return {static_cast<double>(mean), std::sqrt(var / v.size())};
}

/// Sample quantile (linear interpolation, as numpy's default).
inline double quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

}  // namespace spendcast::testing

namespace spendcast::testing {

/// An entrant category of `c`, entering when `event` fires.
inline void add_entrant(scenario::CompositionSpec& c, const std::string& name,
                        const std::string& event) {
  scenario::CategorySpec cat;
  cat.name = name;
  cat.entrant = true;
  cat.entry_event = event;
  c.categories.push_back(cat);
}

/// The example for sensitivity: "Entrant" surely enters in 2025 (event "entry",
/// hazard 1) with an entry share uniform on 2–30 %; spend growth and vendor persistence are
/// uncertain, spend and shares a little noisy. Horizon 2028, yearly steps.
inline scenario::ScenarioSpec certain_entrant_spec() {
  scenario::ScenarioSpec s = menlo_spec(2028, 1);
  s.spend.long_run_growth = uniform(0.1, 0.4);
  s.spend.volatility = constant(0.1);
  s.vendors->volatility = constant(0.05);
  s.vendors->persistence = uniform(0.3, 0.7);
  add_entrant(*s.vendors, "Entrant", "entry");
  scenario::EventSpec entry;
  entry.name = "entry";
  entry.hazard = constant(1.0);
  entry.first_year = 2025;
  entry.last_year = 2025;
  entry.enters = "Entrant";
  entry.entry_share = uniform(0.02, 0.3);
  s.events.push_back(entry);
  return s;
}

/// Everything at once, noisy: segments, entrants, correlated shocks, every event effect,
/// a ceiling, uncertain and correlated parameters. Monthly steps.
inline scenario::ScenarioSpec stress_spec() {
  scenario::ScenarioSpec s = menlo_spec(2030, 12);
  add_segments(s);
  s.spend.long_run_growth = lognormal(std::log(0.15), 0.4);
  s.spend.persistence = uniform(0.3, 0.7);
  s.spend.volatility = constant(0.15);
  s.spend.growth_volatility = constant(0.08);
  s.spend.ceiling = lognormal(std::log(400.0), 0.5);
  s.vendors->persistence = uniform(0.2, 0.8);
  s.vendors->volatility = constant(0.3);
  s.vendors->diversification = constant(0.1);
  s.vendors->drift.push_back({"Meta", normal(0.03, 0.02)});
  add_entrant(*s.vendors, "Newcomer", "new-entrant");
  add_entrant(*s.vendors, "Second", "second-entrant");
  s.vendors->initial_momentum.push_back({"Newcomer", constant(0.3)});
  const std::size_t C = s.vendors->categories.size();
  s.vendors->shock_correlation.assign(C * C, 0.15);
  for (std::size_t k = 0; k < C; ++k) s.vendors->shock_correlation[k * C + k] = 1.0;

  scenario::EventSpec crash;
  crash.name = "correction";
  crash.hazard = uniform(0.05, 0.3);
  crash.first_year = 2025;
  crash.last_year = 2028;
  crash.max_count = 2;
  crash.spend_jump = lognormal(std::log(0.6), 0.2);
  crash.growth_shift = constant(-0.1);
  crash.duration = uniform(1.0, 3.0);
  s.events.push_back(crash);

  scenario::EventSpec entry;
  entry.name = "new-entrant";
  entry.hazard = constant(0.3);
  entry.first_year = 2025;
  entry.last_year = 2030;
  entry.enters = "Newcomer";
  entry.entry_share = uniform(0.02, 0.1);
  entry.share_shift.push_back({"OpenAI", constant(-0.1)});
  s.events.push_back(entry);

  scenario::EventSpec second;
  second.name = "second-entrant";
  second.hazard = constant(0.2);
  second.first_year = 2026;
  second.last_year = 2030;
  second.max_count = 3;
  second.enters = "Second";
  second.entry_share = constant(0.05);
  second.momentum_shift.push_back({"Google", normal(0.1, 0.05)});
  second.growth_shift = constant(0.05);  // for good: no duration
  s.events.push_back(second);

  s.correlations.push_back({"spend.long_run_growth", "vendors.persistence", -0.4, {}});
  return s;
}

}  // namespace spendcast::testing
