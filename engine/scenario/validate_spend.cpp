#include <fmt/format.h>

#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// A ceiling K whose median lies below the observed D(Y0) makes spend fall from the first
/// step: almost always a unit slip ($M for $B, or a growth multiple), so it is refused
/// unless the file says it is meant (spend.allow_ceiling_below_spend = true).
void check_ceiling_above_spend(const DistSpec& ceiling, Build& b) {
  const SpendSpec& sp = b.spec.spend;
  const double below = probability_below(ceiling, sp.base_spend_usd_bn);
  if (below < 0.5) return;
  const std::string got =
      ceiling.is_constant()
          ? fmt::format("{:g}", ceiling.value)
          : fmt::format("a ceiling below it with probability {:.0f} %", 100.0 * below);
  b.diagnostics.error(
      ceiling.where,
      fmt::format("spend.ceiling: below the base year's observed spend (got {}; expected a "
                  "ceiling above data.spend {} = {:g}, in $B: spend approaches the ceiling, so "
                  "a lower one makes it fall from the first step. If that is meant, set "
                  "spend.allow_ceiling_below_spend = true)",
                  got, b.spec.simulation.base_year, sp.base_spend_usd_bn));
}

}  // namespace

void read_spend(Build& b) {
  Section s = b.root.sub("spend");
  s.allow_only({"long_run_growth", "persistence", "volatility", "growth_volatility", "ceiling",
                "allow_ceiling_below_spend", "initial_growth"});
  SpendSpec& sp = b.spec.spend;
  sp.long_run_growth = b.required_theta(s, "long_run_growth", "spend.long_run_growth", any_real);
  sp.persistence = b.required_theta(s, "persistence", "spend.persistence", unit_interval);
  sp.volatility = b.required_theta(s, "volatility", "spend.volatility", non_negative);
  sp.growth_volatility =
      b.optional_theta(s, "growth_volatility", "spend.growth_volatility", non_negative)
          .value_or(DistSpec::constant_at(0.0, s.where()));
  sp.ceiling = b.optional_theta(s, "ceiling", "spend.ceiling", positive);
  if (const DocValue* allow = s.get("allow_ceiling_below_spend"))
    sp.allow_ceiling_below_spend =
        read_bool(*allow, s.path("allow_ceiling_below_spend"), b.diagnostics).value_or(false);
  if (sp.ceiling && b.base_spend_ok && !sp.allow_ceiling_below_spend &&
      !b.invalid_thetas.count("spend.ceiling"))
    check_ceiling_above_spend(*sp.ceiling, b);
  sp.initial_growth = b.optional_theta(s, "initial_growth", "spend.initial_growth", any_real);
  if (!sp.initial_growth && b.base_spend_ok && !sp.observed_growth && !s.broken()) {
    const int y0 = b.spec.simulation.base_year;
    b.diagnostics.error(s.where(), fmt::format("spend.initial_growth: missing required key "
                                               "(expected a number, \"LO to HI\" or {{ dist = "
                                               "... }}: data.spend has no {}, so the growth "
                                               "into {} is unknown)",
                                               y0 - 1, y0));
  }
}

}  // namespace spendcast::scenario
