#include "model/finite_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/distribution.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/render.hpp"

namespace spendcast::model {

namespace {

/// Probability from either end at which per-path parameters are judged (about 7.9 sd of a
/// normal), and the smallest uniform an event effect draws.
constexpr double theta_tail = 1e-15;
constexpr double effect_tail = 0x1p-53;

/// The smallest and largest draw of a distribution, judged at `tail` from either end.
struct Extremes {
  double lo = 0.0, hi = 0.0;
  double magnitude() const { return std::max(std::fabs(lo), std::fabs(hi)); }
};

/// Collects the errors, each at its key's position.
class Checker {
 public:
  explicit Checker(const scenario::ScenarioSpec& spec) : spec_(spec) {}

  /// The extremes of `dist` (named `key`); an error when it cannot be evaluated there.
  std::optional<Extremes> extremes(const scenario::DistSpec& dist, const std::string& key,
                                   double tail) {
    try {
      const Distribution d(dist);
      const Extremes e{d.quantile(tail), d.quantile(1.0 - tail)};
      if (std::isfinite(e.lo) && std::isfinite(e.hi)) return e;
      error(dist, key,
            fmt::format("its extreme draws are not finite (got {} and {} at probability {} from "
                        "either end; expected parameters whose draws are finite numbers)",
                        e.lo, e.hi, tail));
    } catch (const std::exception& ex) {
      error(dist, key,
            fmt::format("cannot be evaluated (Boost.Math: {}); expected parameters whose "
                        "distribution can be computed (very small or very large shapes cannot)",
                        ex.what()));
    }
    return std::nullopt;
  }

  void error(const scenario::DistSpec& dist, const std::string& key, const std::string& what) {
    scenario::SourcePosition where = dist.where;
    if (where.origin.empty()) where.origin = spec_.name;
    errors_.push_back(
        scenario::Diagnostic{scenario::Diagnostic::Severity::error, where, key + ": " + what});
  }

  bool failed() const { return !errors_.empty(); }
  void raise() {
    if (!errors_.empty()) throw scenario::ScenarioError(std::move(errors_));
  }

 private:
  const scenario::ScenarioSpec& spec_;
  std::vector<scenario::Diagnostic> errors_;
};

/// One term of the bound on the move of log spend, and where it comes from.
struct Term {
  std::string key;
  const scenario::DistSpec* dist;
  double value;  ///< its contribution to the bound
  double got;    ///< the largest magnitude of the key's draws
  double per;    ///< contribution per unit of `got` (to say how far it may go)
};

/// The extremes of each per-path parameter (θ) that could be evaluated, by name.
using ThetaExtremes = std::vector<std::pair<std::string, Extremes>>;

/// Every θ of `spec` at its extremes (theta_tail); `check` reports those that cannot be
/// evaluated or are not finite there.
ThetaExtremes theta_extremes(const scenario::ScenarioSpec& spec, Checker& check) {
  ThetaExtremes thetas;
  for (const scenario::ThetaRef& t : scenario::list_thetas(spec))
    if (auto e = check.extremes(*t.dist, t.name, theta_tail)) thetas.push_back({t.name, *e});
  return thetas;
}

/// The extremes of θ `name`, when it has them.
std::optional<Extremes> extremes_of(const ThetaExtremes& thetas, const std::string& name) {
  for (const auto& [n, e] : thetas)
    if (n == name) return e;
  return std::nullopt;
}

/// The terms of the spend process over `years`: its growth (the largest of the long-run,
/// initial and observed growth), its volatility and its growth volatility.
std::vector<Term> spend_terms(const scenario::ScenarioSpec& spec, const ThetaExtremes& thetas,
                              double years) {
  std::vector<Term> terms;
  double growth = 0.0;  // max |g| per year, before growth shifts
  const scenario::DistSpec* growth_dist = &spec.spend.long_run_growth;
  std::string growth_key = "spend.long_run_growth";
  if (auto g = extremes_of(thetas, "spend.long_run_growth")) growth = g->magnitude();
  if (auto g0 = extremes_of(thetas, "spend.initial_growth"); g0 && g0->magnitude() > growth) {
    growth = g0->magnitude();
    growth_dist = &*spec.spend.initial_growth;
    growth_key = "spend.initial_growth";
  }
  growth = std::max(growth, std::fabs(spec.spend.observed_growth.value_or(0.0)));
  terms.push_back({growth_key, growth_dist, years * growth, growth, years});
  if (auto s = extremes_of(thetas, "spend.volatility"))
    terms.push_back({"spend.volatility", &spec.spend.volatility, 10 * s->hi * std::sqrt(years),
                     s->hi, 10 * std::sqrt(years)});
  if (auto t = extremes_of(thetas, "spend.growth_volatility")) {
    const double per = 10 * std::pow(years, 1.5) / std::sqrt(3.0);
    terms.push_back(
        {"spend.growth_volatility", &spec.spend.growth_volatility, per * t->hi, t->hi, per});
  }
  return terms;
}

/// Adds the term of a spend jump (`key`) that can fire `firings` times; `check` reports
/// one that is not finite or can draw a factor <= 0 (whose log is taken).
void add_jump_term(Checker& check, const scenario::DistSpec& jump, const std::string& key,
                   double firings, std::vector<Term>& terms) {
  const std::optional<Extremes> j = check.extremes(jump, key, effect_tail);
  if (!j) return;
  if (!(j->lo > 0)) {
    check.error(jump, key,
                fmt::format("can draw {} (at probability 2^-53, the smallest uniform "
                            "drawn), and spend is multiplied by it (its log is taken): "
                            "expected draws > 0, e.g. a lognormal or a min above 0",
                            scenario::exact_number(j->lo)));
    return;
  }
  const double log_jump = std::max(std::fabs(std::log(j->lo)), std::fabs(std::log(j->hi)));
  terms.push_back({key, &jump, firings * log_jump, log_jump, firings});
}

/// Checks that event `e`'s effect sizes are finite at their extremes (effect_tail) and adds
/// the terms of its spend jumps and growth shifts over the steps it can fire in.
void add_event_terms(Checker& check, const scenario::EventSpec& e,
                     const scenario::SimulationSpec& sim, std::vector<Term>& terms) {
  const double years = sim.horizon - sim.base_year;
  const int from = std::max(e.first_year, sim.base_year + 1);
  const int until = std::min(e.last_year, sim.horizon);
  const double firings =
      until < from ? 0.0 : std::min<double>(e.max_count, (until - from + 1.0) * sim.steps_per_year);
  const std::string key = "event." + e.name + ".";
  if (e.spend_jump) add_jump_term(check, *e.spend_jump, key + "spend_jump", firings, terms);
  if (e.growth_shift)
    if (auto s = check.extremes(*e.growth_shift, key + "growth_shift", effect_tail))
      terms.push_back({key + "growth_shift", &*e.growth_shift, firings * years * s->magnitude(),
                       s->magnitude(), firings * years});
  if (e.duration) check.extremes(*e.duration, key + "duration", effect_tail);
  for (const scenario::NamedDist& s : e.share_shift)
    check.extremes(s.dist, key + "share_shift." + s.name, effect_tail);
  for (const scenario::NamedDist& s : e.momentum_shift)
    check.extremes(s.dist, key + "momentum_shift." + s.name, effect_tail);
  if (e.entry_share) check.extremes(*e.entry_share, key + "entry_share", effect_tail);
}

/// Reports the largest of the `terms` when together they could move log spend by more
/// than max_log_spend_move over the scenario's `years`, with how far it may go.
void check_total(Checker& check, const std::vector<Term>& terms, double years) {
  double total = 0.0;
  for (const Term& t : terms) total += t.value;
  if (!(total > max_log_spend_move)) return;
  const Term& worst = *std::max_element(
      terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.value < b.value; });
  const double others = total - worst.value;
  const double allowed = others < max_log_spend_move && worst.per > 0
                             ? (max_log_spend_move - others) / worst.per
                             : 0.0;
  check.error(
      *worst.dist, worst.key,
      fmt::format("out of range (got draws up to {}; expected at most about {} with the rest of "
                  "this scenario over its {} projected years: log spend could move by {} > {}, "
                  "beyond the range of a double; see docs/SCENARIO-FORMAT.md, \"Ranges that keep "
                  "the arithmetic finite\")",
                  scenario::exact_number(worst.got), fmt::format("{:.3g}", std::max(allowed, 0.0)),
                  years, fmt::format("{:.4g}", total), max_log_spend_move));
}

}  // namespace

void check_finite_arithmetic(const scenario::ScenarioSpec& spec) {
  Checker check(spec);
  // Every per-path parameter can be evaluated and is finite at its extremes.
  const ThetaExtremes thetas = theta_extremes(spec, check);
  const double years = spec.simulation.horizon - spec.simulation.base_year;
  std::vector<Term> terms = spend_terms(spec, thetas, years);
  for (const scenario::EventSpec& e : spec.events)
    add_event_terms(check, e, spec.simulation, terms);
  check.raise();
  check_total(check, terms, years);
  check.raise();
}

}  // namespace spendcast::model
