#include <fmt/format.h>

#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// A ceiling K whose median lies below the observed D(Y0) makes spend fall from the first
/// step: almost always a unit slip ($M for $B, or a growth multiple), so it is refused
/// unless the file says it is meant (spend.allow_ceiling_below_spend = true).
void check_ceiling_above_spend(const DistSpec& ceiling, ValidationContext& ctx) {
  const SpendSpec& sp = ctx.spec.spend;
  const double below = probability_below(ceiling, sp.base_spend_usd_bn);
  if (below < 0.5) return;
  const std::string got =
      ceiling.is_constant()
          ? fmt::format("{:g}", ceiling.value)
          : fmt::format("a ceiling below it with probability {:.0f} %", 100.0 * below);
  ctx.diagnostics.error(
      ceiling.where,
      fmt::format("spend.ceiling: below the base year's observed spend (got {}; expected a "
                  "ceiling above data.spend {} = {:g}, in $B: spend approaches the ceiling, so "
                  "a lower one makes it fall from the first step. If that is meant, set "
                  "spend.allow_ceiling_below_spend = true)",
                  got, ctx.spec.simulation.base_year, sp.base_spend_usd_bn));
}

}  // namespace

void read_spend(ValidationContext& ctx) {
  Section s = ctx.root.sub("spend");
  const KeyTable& keys = spend_keys();
  s.allow_keys_of(keys);
  SpendSpec& sp = ctx.spec.spend;
  sp.long_run_growth = ctx.required_theta(s, keys["long_run_growth"]);
  sp.persistence = ctx.required_theta(s, keys["persistence"]);
  sp.volatility = ctx.required_theta(s, keys["volatility"]);
  sp.growth_volatility = ctx.optional_theta(s, keys["growth_volatility"])
                             .value_or(DistSpec::constant_at(0.0, s.where()));
  sp.ceiling = ctx.optional_theta(s, keys["ceiling"]);
  if (const DocValue* allow = s.get("allow_ceiling_below_spend"))
    sp.allow_ceiling_below_spend =
        read_bool(*allow, s.path("allow_ceiling_below_spend"), ctx.diagnostics).value_or(false);
  if (sp.ceiling && ctx.base_spend_ok && !sp.allow_ceiling_below_spend &&
      !ctx.invalid_thetas.count("spend.ceiling"))
    check_ceiling_above_spend(*sp.ceiling, ctx);
  sp.initial_growth = ctx.optional_theta(s, keys["initial_growth"]);
  if (!sp.initial_growth && ctx.base_spend_ok && !sp.observed_growth && !s.broken()) {
    const int y0 = ctx.spec.simulation.base_year;
    ctx.diagnostics.error(s.where(), fmt::format("spend.initial_growth: missing required key "
                                                 "(expected a number, \"LO to HI\" or {{ dist = "
                                                 "... }}: data.spend has no {}, so the growth "
                                                 "into {} is unknown)",
                                                 y0 - 1, y0));
  }
}

}  // namespace spendcast::scenario
