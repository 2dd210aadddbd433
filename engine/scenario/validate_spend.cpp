#include <fmt/format.h>

#include "scenario/validate.hpp"

namespace spendcast::scenario {

void read_spend(Build& b) {
  Section s = b.root.sub("spend");
  s.allow_only({"long_run_growth", "persistence", "volatility", "growth_volatility", "ceiling",
                "initial_growth"});
  SpendSpec& sp = b.spec.spend;
  sp.long_run_growth = b.required_theta(s, "long_run_growth", "spend.long_run_growth", any_real);
  sp.persistence = b.required_theta(s, "persistence", "spend.persistence", unit_interval);
  sp.volatility = b.required_theta(s, "volatility", "spend.volatility", non_negative);
  sp.growth_volatility =
      b.optional_theta(s, "growth_volatility", "spend.growth_volatility", non_negative)
          .value_or(DistSpec::constant_at(0.0, s.where()));
  sp.ceiling = b.optional_theta(s, "ceiling", "spend.ceiling", positive);
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
