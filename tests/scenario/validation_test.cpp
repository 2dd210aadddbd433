// What validation derives from a valid scenario: defaults, the baseline from the data
// (residual "Other", observed momentum and growth), references, correlation matrices.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

std::string fixture(const std::string& name) {
  return std::string(SPENDCAST_TEST_DIR) + "/scenarios/good/" + name;
}

TEST(Validation, DefaultsOfTheFormat) {
  scenario::LoadedScenario s = load(minimal_scenario() + "[[event]]\nname = \"e\"\nhazard = 0.1\n");
  const scenario::ScenarioSpec& spec = s.spec;
  EXPECT_EQ(spec.name, "t");  // the origin's file-name stem
  EXPECT_EQ(spec.simulation.base_year, 2024);
  EXPECT_EQ(spec.simulation.horizon, 2030);
  EXPECT_EQ(spec.simulation.steps_per_year, 1);
  EXPECT_EQ(spec.simulation.paths, 10000u);
  EXPECT_EQ(spec.simulation.seed, 0u);
  EXPECT_EQ(spec.simulation.sampling, scenario::Sampling::mc);
  EXPECT_TRUE(spec.spend.growth_volatility.is_constant());
  EXPECT_EQ(spec.spend.growth_volatility.value, 0.0);
  EXPECT_FALSE(spec.spend.ceiling);
  EXPECT_FALSE(spec.spend.initial_growth);
  EXPECT_FALSE(spec.vendors);
  EXPECT_FALSE(spec.segments);
  ASSERT_EQ(spec.events.size(), 1u);
  EXPECT_EQ(spec.events[0].first_year, 2025);
  EXPECT_EQ(spec.events[0].last_year, 2030);
  EXPECT_EQ(spec.events[0].max_count, 1);
  EXPECT_EQ(spec.report.quantiles, (std::vector<double>{0.05, 0.25, 0.5, 0.75, 0.95}));
  EXPECT_TRUE(spec.report.thresholds.empty());
  EXPECT_TRUE(s.warnings.empty());
}

TEST(Validation, BaseYearDefaultsToTheLastObservedSpendYear) {
  scenario::LoadedScenario s = load(
      "[simulation]\nhorizon = 2026\n[data]\nspend = { 2024 = 13.8, 2022 = 1, "
      "2023 = 2.3 }\n[spend]\nlong_run_growth = 0.1\npersistence = 0.5\n"
      "volatility = 0.1\n");
  EXPECT_EQ(s.spec.simulation.base_year, 2024);
  EXPECT_EQ(s.spec.spend.base_spend_usd_bn, 13.8);
  EXPECT_DOUBLE_EQ(*s.spec.spend.observed_growth, std::log(13.8 / 2.3));
}

TEST(Validation, AnExplicitBaseYearUsesThatYearsData) {
  scenario::LoadedScenario s = load(
      "[simulation]\nbase_year = 2023\nhorizon = 2026\n[data]\nspend = { "
      "2022 = 1, 2023 = 2.3, 2024 = 13.8 }\n[spend]\nlong_run_growth = 0.1\n"
      "persistence = 0.5\nvolatility = 0.1\n");
  EXPECT_EQ(s.spec.spend.base_spend_usd_bn, 2.3);
  EXPECT_DOUBLE_EQ(*s.spec.spend.observed_growth, std::log(2.3));
}

TEST(Validation, InitialGrowthWhenOnlyOneYearIsObserved) {
  scenario::LoadedScenario s = load(
      "[simulation]\nhorizon = 2026\n[data]\nspend = { 2024 = 13.8 }\n[spend]\n"
      "long_run_growth = 0.1\npersistence = 0.5\nvolatility = 0.1\n"
      "initial_growth = \"1 to 2\"\n");
  EXPECT_FALSE(s.spec.spend.observed_growth);
  EXPECT_EQ(s.spec.spend.initial_growth->kind, scenario::DistSpec::Kind::lognormal);
}

TEST(Validation, ResidualOtherAndObservedMomentum) {
  scenario::LoadedScenario s =
      load(minimal_scenario() +
           "[data.vendors]\n2023 = { A = 0.5, B = 0.3 }\n2024 = { B = 0.35, A = "
           "0.45, C = 0.1 }\n[vendors]\npersistence = 0.5\nvolatility = 0.2\n");
  const auto& c = s.spec.vendors->categories;
  ASSERT_EQ(c.size(), 4u);
  // The base year's order, then Other.
  EXPECT_EQ(c[0].name, "B");
  EXPECT_EQ(c[1].name, "A");
  EXPECT_EQ(c[2].name, "C");
  EXPECT_EQ(c[3].name, "Other");
  EXPECT_DOUBLE_EQ(*c[0].observed_momentum, std::log(0.35 / 0.3));
  EXPECT_DOUBLE_EQ(*c[1].observed_momentum, std::log(0.45 / 0.5));
  EXPECT_FALSE(c[2].observed_momentum);  // not observed in 2023
  EXPECT_DOUBLE_EQ(c[3].base_share, 1.0 - 0.9);
  EXPECT_DOUBLE_EQ(*c[3].observed_momentum, std::log((1.0 - 0.9) / (1.0 - 0.8)));
  EXPECT_EQ(s.spec.vendors->kind, "vendors");
  EXPECT_TRUE(s.spec.vendors->shock_correlation.empty());
}

TEST(Validation, SharesSummingToOneWithinTheToleranceHaveNoOther) {
  scenario::LoadedScenario s =
      load(minimal_scenario() +
           "[data.vendors]\n2024 = { A = 0.3, B = 0.7000000005 }\n[vendors]\n"
           "persistence = 0.5\nvolatility = 0.2\n");
  EXPECT_EQ(s.spec.vendors->categories.size(), 2u);
  scenario::LoadedScenario t =
      load(minimal_scenario() +
           "[data.vendors]\n2024 = { A = 0.3, B = 0.6999999995 }\n[vendors]\n"
           "persistence = 0.5\nvolatility = 0.2\n");
  EXPECT_EQ(t.spec.vendors->categories.size(), 2u);
}

TEST(Validation, ACategoryOnlyInThePreviousYearIsAWarning) {
  EXPECT_EQ(
      problems(minimal_scenario() +
               "[data.vendors]\n2023 = { A = 0.5, Gone = 0.1 }\n2024 = { A = 0.6 }\n[vendors]\n"
               "persistence = 0.5\nvolatility = 0.2\n"),
      (std::vector<std::string>{
          "loaded",
          "t.toml:10:26: warning: data.vendors.2023.Gone: ignored, not a category "
          "in base_year 2024 (got 0.1; expected every category of 2023 also in "
          "2024)"}));
}

TEST(Validation, EntrantsFollowTheObservedCategoriesAndOther) {
  scenario::LoadedScenario s = load(minimal_scenario() + R"([data.vendors]
2024 = { A = 0.6, B = 0.3 }
[vendors]
persistence = 0.5
volatility = 0.2
entrants = [{ name = "New", entry_event = "launch" }]
initial_momentum = { New = 0.3, A = -0.1 }
[[event]]
name = "launch"
hazard = 0.2
enters = "New"
entry_share = 0.05
)");
  const auto& c = *s.spec.vendors;
  ASSERT_EQ(c.categories.size(), 4u);
  EXPECT_EQ(c.categories[2].name, "Other");
  EXPECT_EQ(c.categories[3].name, "New");
  EXPECT_TRUE(c.categories[3].entrant);
  EXPECT_EQ(c.categories[3].entry_event, "launch");
  EXPECT_EQ(c.categories[3].base_share, 0.0);
  EXPECT_EQ(c.index_of("New"), 3);
  ASSERT_EQ(c.initial_momentum.size(), 2u);
  EXPECT_EQ(c.initial_momentum[0].name, "New");
  EXPECT_EQ(s.spec.events[0].enters, "New");
  EXPECT_EQ(s.spec.events[0].entry_share->value, 0.05);
}

TEST(Validation, EventEffectsAndShiftsResolveAcrossCompositions) {
  scenario::LoadedScenario s = load(minimal_scenario() + R"([data.vendors]
2024 = { A = 0.6, B = 0.4 }
[data.segments]
2024 = { models = 0.4, apps = 0.6 }
[vendors]
of = "models"
persistence = 0.5
volatility = 0.2
[segments]
persistence = 0.5
volatility = 0.1
[[event]]
name = "shock"
hazard = { dist = "beta", alpha = 2, beta = 8 }
from = 2026
until = 2028
max_count = 3
spend_jump = "0.5 to 0.9"
growth_shift = -0.1
duration = { dist = "uniform", min = 1, max = 3 }
share_shift = { A = -0.2, apps = 0.1 }
momentum_shift = { B = 0.05 }
)");
  EXPECT_EQ(s.spec.vendors->of, "models");
  const scenario::EventSpec& e = s.spec.events[0];
  EXPECT_EQ(e.first_year, 2026);
  EXPECT_EQ(e.last_year, 2028);
  EXPECT_EQ(e.max_count, 3);
  EXPECT_EQ(e.spend_jump->kind, scenario::DistSpec::Kind::lognormal);
  EXPECT_EQ(e.growth_shift->value, -0.1);
  EXPECT_EQ(e.duration->kind, scenario::DistSpec::Kind::uniform);
  ASSERT_EQ(e.share_shift.size(), 2u);
  EXPECT_EQ(e.share_shift[1].name, "apps");
  ASSERT_EQ(e.momentum_shift.size(), 1u);
  EXPECT_EQ(e.where, (scenario::SourcePosition{"t.toml", 20, 1}));
}

TEST(Validation, CompositionCorrelationUniformAndPairs) {
  scenario::LoadedScenario s = load(minimal_scenario() + R"([data.vendors]
2024 = { A = 0.5, B = 0.3, C = 0.2 }
[vendors]
persistence = 0.5
volatility = 0.2
correlation = { uniform = 0.2, pairs = [["C", "A", -0.3]] }
)");
  EXPECT_EQ(s.spec.vendors->shock_correlation,
            (std::vector<double>{1, 0.2, -0.3, 0.2, 1, 0.2, -0.3, 0.2, 1}));
}

TEST(Validation, ThetaCorrelationsInFileOrderAndConstantsIgnoredWithAWarning) {
  std::vector<std::string> lines = problems(minimal_scenario() + R"([[event]]
name = "e"
hazard = { dist = "uniform", min = 0, max = 0.5 }
[[correlation]]
between = ["event.e.hazard", "spend.volatility"]
rho = 0.5
)");
  EXPECT_EQ(lines,
            (std::vector<std::string>{"loaded",
                                      "t.toml:13:11: warning: correlation[0].between: ignored, "
                                      "spend.volatility is a constant (got [\"event.e.hazard\", "
                                      "\"spend.volatility\"]; expected two parameters with "
                                      "distributions)"}));
  scenario::LoadedScenario s = load(minimal_scenario() + R"([[event]]
name = "e"
hazard = { dist = "uniform", min = 0, max = 0.5 }
[[correlation]]
between = ["event.e.hazard", "spend.volatility"]
rho = 0.5
)",
                                    {"spend.volatility=\"0.1 to 0.2\""});
  ASSERT_EQ(s.spec.correlations.size(), 1u);
  EXPECT_EQ(s.spec.correlations[0].first, "event.e.hazard");
  EXPECT_EQ(s.spec.correlations[0].second, "spend.volatility");
  EXPECT_EQ(s.spec.correlations[0].rho, 0.5);
  EXPECT_EQ(s.spec.correlations[0].where, (scenario::SourcePosition{"t.toml", 12, 1}));
}

TEST(Validation, NumbersWrittenAsIntegralFloatsCountAsIntegers) {
  scenario::LoadedScenario s =
      load(minimal_scenario() + "[[event]]\nname = \"e\"\nhazard = 0.1\nfrom = 2.026e3\n",
           {"simulation.paths=1e6"});
  EXPECT_EQ(s.spec.simulation.paths, 1000000u);
  EXPECT_EQ(s.spec.events[0].first_year, 2026);
}

TEST(Validation, TheCompleteExampleOfTheFormat) {
  scenario::LoadedScenario s = scenario::load_scenario_file(fixture("full.toml"));
  const scenario::ScenarioSpec& spec = s.spec;
  EXPECT_EQ(spec.name, "bubble-burst");
  EXPECT_EQ(spec.title, "Spend outruns returns, and budgets are cut");
  EXPECT_EQ(spec.description,
            "Enterprises keep spending while returns stay symbolic; a correction cuts budgets.\n");
  EXPECT_EQ(spec.data_source, "Menlo Ventures, 2024: The State of Generative AI in the Enterprise");
  EXPECT_EQ(spec.simulation.steps_per_year, 4);
  EXPECT_EQ(spec.simulation.paths, 200000u);
  EXPECT_EQ(spec.simulation.seed, 20241120u);
  EXPECT_EQ(spec.simulation.sampling, scenario::Sampling::lhs);
  EXPECT_DOUBLE_EQ(*spec.spend.observed_growth, std::log(13.8 / 2.3));
  EXPECT_EQ(spec.vendors->categories.size(), 7u);
  EXPECT_NEAR(spec.vendors->categories[5].base_share, 0.09, 1e-15);
  EXPECT_NEAR(*spec.vendors->categories[5].observed_momentum, 0.0, 1e-12);
  EXPECT_EQ(spec.vendors->shock_correlation.size(), 49u);
  EXPECT_EQ(spec.vendors->shock_correlation[1], 0.1);
  EXPECT_EQ(spec.segments->categories.size(), 3u);
  EXPECT_EQ(spec.segments->initial_momentum[0].dist.value, 0.4);
  EXPECT_EQ(spec.events.size(), 2u);
  EXPECT_EQ(spec.events[0].hazard.kind, scenario::DistSpec::Kind::pert);
  EXPECT_EQ(spec.report.thresholds.size(), 2u);
  EXPECT_EQ(spec.report.thresholds[1].metric, "share.Anthropic");
  EXPECT_EQ(scenario::summarize_scenario(spec),
            "200000 paths, 2025\u20132030, 7 vendors, 2 events");
}

TEST(Validation, SummarySaysNoneAndSingulars) {
  scenario::LoadedScenario s =
      load(minimal_scenario() + "[[event]]\nname = \"e\"\nhazard = 0.1\n", {"simulation.paths=1"});
  EXPECT_EQ(scenario::summarize_scenario(s.spec), "1 path, 2025\u20132030, no vendors, 1 event");
  scenario::LoadedScenario t =
      load(minimal_scenario() +
           "[data.vendors]\n2024 = { A = 1 }\n[vendors]\npersistence = 0\nvolatility = 0\n");
  EXPECT_EQ(scenario::summarize_scenario(t.spec),
            "10000 paths, 2025\u20132030, 1 vendor, no events");
}

TEST(Validation, ThresholdMetricsFollowTheCompositions) {
  scenario::LoadedScenario s = load(minimal_scenario() + R"([data.vendors]
2024 = { A = 0.5, B = 0.5 }
[data.segments]
2024 = { x = 0.5, y = 0.5 }
[vendors]
persistence = 0.5
volatility = 0.2
[segments]
persistence = 0.5
volatility = 0.2
[report]
quantiles = [0.1, 0.9]
thresholds = { "revenue.A" = [1], hhi = [0.5], "share_segment.x" = [0.6], "spend.y" = [3], cagr = [0.2], growth = [2] }
)");
  EXPECT_EQ(s.spec.report.quantiles, (std::vector<double>{0.1, 0.9}));
  ASSERT_EQ(s.spec.report.thresholds.size(), 6u);
  EXPECT_EQ(s.spec.report.thresholds[3].metric, "spend.y");
}

TEST(Validation, ACeilingBelowTheObservedSpendIsMeantOnlyWhenTheFileSaysSo) {
  const std::string base = minimal_scenario();
  EXPECT_EQ(problems(base + "ceiling = 5\n"),
            std::vector<std::string>{
                "t.toml:9:11: error: spend.ceiling: below the base year's observed spend (got 5; "
                "expected a ceiling above data.spend 2024 = 13.8, in $B: spend approaches the "
                "ceiling, so a lower one makes it fall from the first step. If that is meant, set "
                "spend.allow_ceiling_below_spend = true)"});
  EXPECT_EQ(problems(base + "ceiling = 5\nallow_ceiling_below_spend = true\n"),
            std::vector<std::string>{"loaded"});
  // A distribution is refused when its median is below; a wide one reaching below is fine.
  EXPECT_NE(problems(base + "ceiling = \"2 to 20\"\n")[0], "loaded");
  EXPECT_EQ(problems(base + "ceiling = \"10 to 900\"\n"), std::vector<std::string>{"loaded"});
  EXPECT_EQ(problems(base + "ceiling = 14\n"), std::vector<std::string>{"loaded"});
  EXPECT_EQ(load(base + "ceiling = 5\nallow_ceiling_below_spend = true\n")
                .spec.spend.allow_ceiling_below_spend,
            true);
}

}  // namespace
}  // namespace spendcast::testing
