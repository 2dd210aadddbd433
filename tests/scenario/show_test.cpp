// spendcast show: the resolved scenario as TOML with origins, and its round trip.

#include <gtest/gtest.h>

#include <filesystem>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

/// Loads what `show` printed, as a new file.
scenario::LoadedScenario reload(const scenario::LoadedScenario& s) {
  return scenario::load_scenario_text(scenario::show_scenario(s), "shown.toml", {}, no_files());
}

void expect_round_trip(const scenario::LoadedScenario& s) {
  scenario::LoadedScenario again = reload(s);
  std::string why;
  EXPECT_TRUE(same_values(s.spec, again.spec, &why)) << why << "\n" << scenario::show_scenario(s);
  // Showing the shown scenario gives the same values again (origins differ).
  std::string why2;
  EXPECT_TRUE(same_values(again.spec, reload(again).spec, &why2)) << why2;
}

TEST(Show, TheSpecComparisonSeesEveryKindOfDifference) {
  const scenario::LoadedScenario s =
      scenario::load_scenario_file(std::string(SPENDCAST_TEST_DIR) + "/scenarios/good/full.toml");
  std::string why;
  EXPECT_TRUE(same_values(s.spec, s.spec, &why));
  scenario::ScenarioSpec moved = s.spec;
  moved.spend.long_run_growth.where.line += 1;  // positions do not count
  moved.origin = "elsewhere.toml";
  EXPECT_TRUE(same_values(s.spec, moved, &why)) << why;
  scenario::ScenarioSpec a = s.spec;
  a.events[1].entry_share->max = 0.2;
  EXPECT_FALSE(same_values(s.spec, a, &why));
  EXPECT_EQ(why, "event.new-entrant.entry_share.max");
  scenario::ScenarioSpec b = s.spec;
  b.vendors->categories[2].observed_momentum.reset();
  EXPECT_FALSE(same_values(s.spec, b, &why));
  EXPECT_EQ(why, "vendors.categories[2].observed_momentum");
  scenario::ScenarioSpec c = s.spec;
  c.report.thresholds[1].values.push_back(0.9);
  EXPECT_FALSE(same_values(s.spec, c, &why));
  EXPECT_EQ(why, "threshold.values");
}

TEST(Show, EveryGoodFixtureRoundTrips) {
  const std::filesystem::path dir = std::filesystem::path(SPENDCAST_TEST_DIR) / "scenarios/good";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().string());
    expect_round_trip(scenario::load_scenario_file(entry.path().string()));
    ++files;
  }
  EXPECT_GE(files, 4);
}

TEST(Show, RoundTripsWithOverridesOnEveryKindOfKey) {
  const std::string full = std::string(SPENDCAST_TEST_DIR) + "/scenarios/good/full.toml";
  expect_round_trip(scenario::load_scenario_file(
      full, {"simulation.seed=18446744073709551615", "spend.ceiling=\"200 to 800\"",
             "spend.persistence.max=0.7", "event.correction.hazard=0.3",
             "event.new-entrant.remove=true", "vendors.entrants=[]", "vendors.drift.OpenAI=-0.02",
             "report.thresholds.\"share.Meta\"=[0.2]", "data.spend.2024=14.5",
             "scenario.description=\"line one\\nline \\\"two\\\"\""}));
}

TEST(Show, PrintsEveryValueWithItsOriginAndTheDefaults) {
  MemoryFiles files;
  files.add("base.toml", R"([simulation]
horizon = 2027
[data]
spend = { 2023 = 2.3, 2024 = 13.8 }
[spend]
long_run_growth = "0.05 to 0.30"
persistence = { dist = "uniform", min = 0.3, max = 0.6 }
volatility = 0.1
[report]
thresholds = { "spend" = [50] }
)");
  scenario::LoadedScenario s = scenario::load_scenario_text(
      R"([scenario]
extends = "base.toml"
title = "Child"
[data]
spend = { 2024 = 14 }
[[event]]
name = "e"
hazard = 0.1
share_shift = {}
)",
      "child.toml", {"spend.persistence.max=0.7", "simulation.paths=500"}, files.reader());
  EXPECT_EQ(
      scenario::show_scenario(s),
      "# spendcast show: scenario \"child\" from child.toml, with extends and --set applied.\n"
      "# Every value is followed by where it came from.\n"
      "\n"
      "[scenario]\n"
      "name = \"child\"  # default: the file name\n"
      "title = \"Child\"  # child.toml:3\n"
      "\n"
      "[simulation]\n"
      "base_year = 2024  # default: the last observed year\n"
      "horizon = 2027  # base.toml:2\n"
      "steps_per_year = 1  # default\n"
      "paths = 500  # --set\n"
      "seed = 0  # default\n"
      "sampling = \"mc\"  # default\n"
      "\n"
      "[data]\n"
      "spend.2023 = 2.3  # base.toml:4\n"
      "spend.2024 = 14  # child.toml:5\n"
      "\n"
      "[spend]\n"
      "long_run_growth = \"0.05 to 0.30\"  # base.toml:6\n"
      "persistence = { dist = \"uniform\", min = 0.3, max = 0.7 }  # base.toml:7, --set\n"
      "volatility = 0.1  # base.toml:8\n"
      "growth_volatility = 0.0  # default\n"
      "\n"
      "[[event]]\n"
      "name = \"e\"  # child.toml:7\n"
      "hazard = 0.1  # child.toml:8\n"
      "from = 2025  # default\n"
      "until = 2027  # default\n"
      "max_count = 1  # default\n"
      "\n"
      "[report]\n"
      "quantiles = [0.05, 0.25, 0.5, 0.75, 0.95]  # default\n"
      "thresholds.spend = [50]  # base.toml:10\n"
      "\n"
      "# Starting point derived from the data (docs/MODEL.md §2, §3), base year 2024:\n"
      "#   spend 14 $B; growth into 2024: 1.806 a year (observed, 2023 to 2024)\n");
  expect_round_trip(s);
}

TEST(Show, QuotesKeysAndEscapesStrings) {
  scenario::LoadedScenario s =
      load(minimal_scenario() +
           "[scenario]\ntitle = \"tab\\there \\\"quoted\\\" \\u00e9\"\n"
           "[report]\nthresholds = { \"spend\" = [1], \"growth\" = [2.0] }\n");
  const std::string shown = scenario::show_scenario(s);
  EXPECT_NE(shown.find("title = \"tab\\there \\\"quoted\\\" \u00e9\"  # t.toml:10\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("thresholds.growth = [2.0]  # t.toml:12\n"), std::string::npos) << shown;
  expect_round_trip(s);
}

}  // namespace
}  // namespace spendcast::testing
