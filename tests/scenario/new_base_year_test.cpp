// Restarting from a newer base year (docs/SCENARIO-FORMAT.md, "New data arrived"): a
// child that adds one year of data to a parent and moves base_year. The 2025 figures in
// this file are MADE UP for the tests; they are not data.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

// The parent: 2023–2024, like the bundled data (a segment split for 2024 only) and an
// event whose window starts in 2025.
const std::string parent_text = R"([scenario]
name = "parent"

[simulation]
horizon = 2030

[data]
spend = { 2023 = 2.3, 2024 = 13.8 }

[data.vendors]
2023 = { OpenAI = 0.50, Anthropic = 0.12, Meta = 0.16, Google = 0.07, Mistral = 0.06 }
2024 = { OpenAI = 0.34, Anthropic = 0.24, Meta = 0.16, Google = 0.12, Mistral = 0.05 }

[data.segments]
2024 = { models = 0.254, applications = 0.333, infrastructure = 0.413 }

[spend]
long_run_growth = 0.13
persistence = 0.4
volatility = 0.12

[vendors]
of = "models"
persistence = 0.35
volatility = 0.2

[segments]
persistence = 0.5
volatility = 0.08

[[event]]
name = "correction"
hazard = 0.1
from = 2025
until = 2030
spend_jump = 0.8
)";

// The child: made-up 2025 figures (NOT data), base year moved to 2025.
const std::string child_text = R"([scenario]
name = "child"
extends = "parent.toml"

[simulation]
base_year = 2025

[data]
spend = { 2025 = 30.0 }                   # made up for the test

[data.vendors]
2025 = { OpenAI = 0.30, Anthropic = 0.30, Meta = 0.14, Google = 0.16, Mistral = 0.04 }
)";

scenario::LoadedScenario load_child(const std::string& child, std::vector<std::string> sets = {}) {
  MemoryFiles files;
  files.add("dir/parent.toml", parent_text);
  return scenario::load_scenario_text(child, "dir/child.toml", sets, files.reader());
}

std::vector<std::string> child_problems(const std::string& child,
                                        std::vector<std::string> sets = {}) {
  MemoryFiles files;
  files.add("dir/parent.toml", parent_text);
  return problems(child, sets, "dir/child.toml", files.reader());
}

TEST(NewBaseYear, InheritedEventWindowIsClippedToTheProjectedYearsWithAWarning) {
  const scenario::LoadedScenario s = load_child(child_text);
  ASSERT_EQ(s.spec.events.size(), 1u);
  EXPECT_EQ(s.spec.events[0].first_year, 2026);
  EXPECT_EQ(s.spec.events[0].last_year, 2030);
  EXPECT_EQ(child_problems(child_text),
            (std::vector<std::string>{
                "loaded",
                "dir/parent.toml:34:8: warning: event.correction.from: clipped to the first "
                "projected year (got 2025; base_year is 2025, so the window starts in 2026; "
                "write from = 2026 to say so)"}));
}

TEST(NewBaseYear, AWindowWhollyInTheObservedYearsNeverFires) {
  const std::string child = child_text + R"(
[[event]]
name = "correction"
from = 2024
until = 2025
)";
  const scenario::LoadedScenario s = load_child(child);
  ASSERT_EQ(s.spec.events.size(), 1u);
  EXPECT_GT(s.spec.events[0].first_year, s.spec.events[0].last_year);  // empty window
  EXPECT_EQ(child_problems(child),
            (std::vector<std::string>{
                "loaded",
                "dir/child.toml:17:9: warning: event.correction.until: the window ends in an "
                "observed year (got 2025; expected a year from 2026, the first projected year: "
                "the event never fires. Remove it with remove = true, or move the window)"}));
}

TEST(NewBaseYear, AWindowEndingBeforeItStartsIsStillAnError) {
  const std::string child = child_text + R"(
[[event]]
name = "correction"
from = 2027
until = 2026
)";
  const auto lines = child_problems(child);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front(), "loaded");
  EXPECT_NE(lines.front().find("event.correction.until: out of range (got 2026"), std::string::npos)
      << lines.front();
}

TEST(NewBaseYear, MissingSplitForTheBaseYearCarriesTheLastObservedSplitForward) {
  const scenario::LoadedScenario s = load_child(child_text);
  ASSERT_TRUE(s.spec.segments);
  const scenario::CompositionSpec& seg = *s.spec.segments;
  ASSERT_TRUE(seg.carried_from_year);
  EXPECT_EQ(*seg.carried_from_year, 2024);
  ASSERT_EQ(seg.categories.size(), 3u);
  EXPECT_EQ(seg.categories[0].name, "models");
  EXPECT_DOUBLE_EQ(seg.categories[0].base_share, 0.254);
  EXPECT_DOUBLE_EQ(seg.categories[2].base_share, 0.413);
  for (const auto& c : seg.categories) {
    ASSERT_TRUE(c.observed_momentum) << c.name;
    EXPECT_EQ(*c.observed_momentum, 0.0) << c.name;
  }
  // The vendors were observed in 2025: nothing carried, momenta from 2024 → 2025.
  ASSERT_TRUE(s.spec.vendors);
  EXPECT_FALSE(s.spec.vendors->carried_from_year);
  EXPECT_NEAR(*s.spec.vendors->categories[0].observed_momentum, std::log(0.30 / 0.34), 1e-15);
}

TEST(NewBaseYear, WithoutAnyEarlierYearTheMissingSplitIsStillAnError) {
  // Base year 2023: data.segments has only the later year 2024, nothing to carry forward.
  const auto lines =
      child_problems(child_text, {"simulation.base_year=2023", "simulation.horizon=2028"});
  bool found = false;
  for (const auto& l : lines)
    found = found || l.find("data.segments: no shares for base_year 2023") != std::string::npos;
  EXPECT_TRUE(found) << ::testing::PrintToString(lines);
}

TEST(NewBaseYear, ShowNotesTheCarriedSplitTheClippedWindowAndTheDerivedMomenta) {
  const scenario::LoadedScenario s = load_child(child_text);
  const std::string shown = scenario::show_scenario(s);
  EXPECT_NE(shown.find("\nsegments.2025 = { models = 0.254, applications = 0.333, "
                       "infrastructure = 0.413 }  # default: no 2025 split observed, the 2024 "
                       "split carried forward (momentum 0), dir/parent.toml:15"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("from = 2026  # clipped to the first projected year "
                       "(dir/parent.toml:34 says 2025)"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("#   segments: no 2025 split observed; the 2024 split is carried "
                       "forward"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("#   vendors starting momentum, a year: OpenAI -0.125, Anthropic +0.223"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("#   spend 30 $B; growth into 2025: 0.777 a year (observed, 2024 to 2025)"),
            std::string::npos)
      << shown;
  // show's output loads, without the window warning, to the same values.
  const scenario::LoadedScenario again =
      scenario::load_scenario_text(shown, "shown.toml", {}, no_files());
  std::string why;
  EXPECT_TRUE(same_values(s.spec, again.spec, &why)) << why;
  for (const auto& w : again.warnings) ADD_FAILURE() << w.to_string();
}

TEST(NewBaseYear, AnExtremeMomentumOfTheResidualOtherIsAWarningNamingBothShares) {
  // Made-up 2025 shares that leave a residual of 0.02 (0.09 in 2024).
  const std::string child = R"([scenario]
extends = "parent.toml"
[simulation]
base_year = 2025
[data]
spend = { 2025 = 30.0 }
[data.vendors]
2025 = { OpenAI = 0.30, Anthropic = 0.32, Meta = 0.16, Google = 0.15, Mistral = 0.05 }
[[event]]
name = "correction"
from = 2026
)";
  EXPECT_EQ(child_problems(child),
            (std::vector<std::string>{
                "loaded",
                "dir/child.toml:8:8: warning: data.vendors.2025.Other: extreme starting "
                "momentum (got ln(0.02 / 0.09) = -1.50 a year, the share going from "
                "0.09 in 2024 to 0.02 in 2025; expected at most 0.69 in size for the "
                "residual Other, whose share moves whenever the data name other "
                "categories: set vendors.initial_momentum.Other to choose one)"}));
  // Choosing the momentum silences it.
  EXPECT_EQ(child_problems(child, {"vendors.initial_momentum.Other=0"}),
            (std::vector<std::string>{"loaded"}));
}

TEST(NewBaseYear, AnExtremeMomentumOfANamedCategoryIsAWarningAtItsShare) {
  const std::string child = R"([scenario]
extends = "parent.toml"
[simulation]
base_year = 2025
[data]
spend = { 2025 = 30.0 }
[data.vendors]
2025 = { OpenAI = 0.30, Anthropic = 0.24, Meta = 0.16, Google = 0.12, Mistral = 0.09, Other = 0.09 }
[[event]]
name = "correction"
from = 2026
)";
  // Other listed by name (shares sum to 1): it has no 2024 share of its own, no momentum.
  // Mistral: 0.05 → 0.09 is ln 1.8 = 0.59, below 1; OpenAI −0.125: no warning.
  EXPECT_EQ(child_problems(child), (std::vector<std::string>{"loaded"}));
  const std::string jump = R"([scenario]
extends = "parent.toml"
[simulation]
base_year = 2025
[data]
spend = { 2025 = 30.0 }
[data.vendors]
2025 = { OpenAI = 0.30, Anthropic = 0.24, Meta = 0.16, Google = 0.06, Mistral = 0.15 }
[[event]]
name = "correction"
from = 2026
)";
  EXPECT_EQ(child_problems(jump),
            (std::vector<std::string>{
                "loaded",
                "dir/child.toml:8:81: warning: data.vendors.2025.Mistral: extreme starting "
                "momentum (got ln(0.15 / 0.05) = 1.10 a year, the share going from 0.05 in 2024 "
                "to 0.15 in 2025; expected at most 1 in size: set "
                "vendors.initial_momentum.Mistral to choose one)"}));
}

}  // namespace
}  // namespace spendcast::testing
