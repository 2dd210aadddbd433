#include "spec_equality.hpp"

#include <fmt/format.h>

namespace spendcast::testing {

namespace {

struct Comparer {
  std::string why;

  bool fail(const std::string& what) {
    if (why.empty()) why = what;
    return false;
  }

  template <typename T>
  bool eq(const T& a, const T& b, const std::string& what) {
    return a == b || fail(what);
  }

  bool dist(const scenario::DistSpec& a, const scenario::DistSpec& b, const std::string& what) {
    return eq(a.kind, b.kind, what + ".kind") && eq(a.value, b.value, what + ".value") &&
           eq(a.mean, b.mean, what + ".mean") && eq(a.sd, b.sd, what + ".sd") &&
           eq(a.mu, b.mu, what + ".mu") && eq(a.sigma, b.sigma, what + ".sigma") &&
           eq(a.min, b.min, what + ".min") && eq(a.max, b.max, what + ".max") &&
           eq(a.mode, b.mode, what + ".mode") && eq(a.alpha, b.alpha, what + ".alpha") &&
           eq(a.beta, b.beta, what + ".beta") && eq(a.values, b.values, what + ".values") &&
           eq(a.weights, b.weights, what + ".weights") &&
           eq(a.truncate, b.truncate, what + ".truncate");
  }

  bool dist(const std::optional<scenario::DistSpec>& a, const std::optional<scenario::DistSpec>& b,
            const std::string& what) {
    if (a.has_value() != b.has_value()) return fail(what + " (present)");
    return !a || dist(*a, *b, what);
  }

  bool named(const std::vector<scenario::NamedDist>& a, const std::vector<scenario::NamedDist>& b,
             const std::string& what) {
    if (a.size() != b.size()) return fail(what + ".size");
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!eq(a[i].name, b[i].name, what + ".name") ||
          !dist(a[i].dist, b[i].dist, what + "." + a[i].name))
        return false;
    return true;
  }

  bool composition(const std::optional<scenario::CompositionSpec>& a,
                   const std::optional<scenario::CompositionSpec>& b, const std::string& what) {
    if (a.has_value() != b.has_value()) return fail(what + " (present)");
    if (!a) return true;
    if (a->categories.size() != b->categories.size()) return fail(what + ".categories.size");
    for (std::size_t i = 0; i < a->categories.size(); ++i) {
      const auto &x = a->categories[i], &y = b->categories[i];
      const std::string w = fmt::format("{}.categories[{}]", what, i);
      if (!eq(x.name, y.name, w + ".name") || !eq(x.base_share, y.base_share, w + ".base_share") ||
          !eq(x.observed_momentum, y.observed_momentum, w + ".observed_momentum") ||
          !eq(x.entrant, y.entrant, w + ".entrant") ||
          !eq(x.entry_event, y.entry_event, w + ".entry_event"))
        return false;
    }
    return eq(a->kind, b->kind, what + ".kind") && eq(a->of, b->of, what + ".of") &&
           dist(a->persistence, b->persistence, what + ".persistence") &&
           dist(a->volatility, b->volatility, what + ".volatility") &&
           dist(a->diversification, b->diversification, what + ".diversification") &&
           named(a->drift, b->drift, what + ".drift") &&
           named(a->initial_momentum, b->initial_momentum, what + ".initial_momentum") &&
           eq(a->shock_correlation, b->shock_correlation, what + ".shock_correlation");
  }

  bool all(const scenario::ScenarioSpec& a, const scenario::ScenarioSpec& b) {
    if (!(eq(a.name, b.name, "name") && eq(a.title, b.title, "title") &&
          eq(a.description, b.description, "description") &&
          eq(a.data_source, b.data_source, "data_source")))
      return false;
    const auto &s = a.simulation, &t = b.simulation;
    if (!(eq(s.base_year, t.base_year, "base_year") && eq(s.horizon, t.horizon, "horizon") &&
          eq(s.steps_per_year, t.steps_per_year, "steps_per_year") &&
          eq(s.paths, t.paths, "paths") && eq(s.seed, t.seed, "seed") &&
          eq(s.sampling, t.sampling, "sampling")))
      return false;
    const auto &p = a.spend, &q = b.spend;
    if (!(eq(p.base_spend_usd_bn, q.base_spend_usd_bn, "spend.base") &&
          eq(p.observed_growth, q.observed_growth, "spend.observed_growth") &&
          dist(p.long_run_growth, q.long_run_growth, "spend.long_run_growth") &&
          dist(p.persistence, q.persistence, "spend.persistence") &&
          dist(p.volatility, q.volatility, "spend.volatility") &&
          dist(p.growth_volatility, q.growth_volatility, "spend.growth_volatility") &&
          dist(p.ceiling, q.ceiling, "spend.ceiling") &&
          dist(p.initial_growth, q.initial_growth, "spend.initial_growth")))
      return false;
    if (!composition(a.vendors, b.vendors, "vendors") ||
        !composition(a.segments, b.segments, "segments"))
      return false;
    if (a.events.size() != b.events.size()) return fail("events.size");
    for (std::size_t i = 0; i < a.events.size(); ++i) {
      const auto &e = a.events[i], &f = b.events[i];
      const std::string w = "event." + e.name;
      if (!(eq(e.name, f.name, w + ".name") &&
            eq(e.description, f.description, w + ".description") &&
            dist(e.hazard, f.hazard, w + ".hazard") &&
            eq(e.first_year, f.first_year, w + ".from") &&
            eq(e.last_year, f.last_year, w + ".until") &&
            eq(e.max_count, f.max_count, w + ".max_count") &&
            dist(e.spend_jump, f.spend_jump, w + ".spend_jump") &&
            dist(e.growth_shift, f.growth_shift, w + ".growth_shift") &&
            dist(e.duration, f.duration, w + ".duration") &&
            named(e.share_shift, f.share_shift, w + ".share_shift") &&
            named(e.momentum_shift, f.momentum_shift, w + ".momentum_shift") &&
            eq(e.enters, f.enters, w + ".enters") &&
            dist(e.entry_share, f.entry_share, w + ".entry_share")))
        return false;
    }
    if (a.correlations.size() != b.correlations.size()) return fail("correlations.size");
    for (std::size_t i = 0; i < a.correlations.size(); ++i) {
      const auto &c = a.correlations[i], &d = b.correlations[i];
      if (!(eq(c.first, d.first, "correlation.first") &&
            eq(c.second, d.second, "correlation.second") && eq(c.rho, d.rho, "correlation.rho")))
        return false;
    }
    if (!eq(a.report.quantiles, b.report.quantiles, "report.quantiles")) return false;
    if (a.report.thresholds.size() != b.report.thresholds.size())
      return fail("report.thresholds.size");
    for (std::size_t i = 0; i < a.report.thresholds.size(); ++i)
      if (!(eq(a.report.thresholds[i].metric, b.report.thresholds[i].metric, "threshold.metric") &&
            eq(a.report.thresholds[i].values, b.report.thresholds[i].values, "threshold.values")))
        return false;
    return true;
  }
};

}  // namespace

bool same_values(const scenario::ScenarioSpec& a, const scenario::ScenarioSpec& b,
                 std::string* why) {
  Comparer c;
  const bool same = c.all(a, b);
  if (why) *why = c.why;
  return same;
}

}  // namespace spendcast::testing
