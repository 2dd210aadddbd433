// extends: every merge rule of SCENARIO-FORMAT.md "Inheritance", files held in memory.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

const std::string base_text = R"([scenario]
name = "base"
title = "The base"

[simulation]
horizon = 2030
paths = 500

[data]
spend = { 2023 = 2.3, 2024 = 13.8 }

[data.vendors]
2023 = { A = 0.5, B = 0.3, C = 0.1 }
2024 = { A = 0.4, B = 0.35, C = 0.15 }

[spend]
long_run_growth = "0.05 to 0.2"
persistence = 0.5
volatility = 0.1
ceiling = { dist = "lognormal", p5 = 120, p95 = 900 }

[vendors]
persistence = 0.6
volatility = 0.2
drift = { A = 0.03 }
correlation = { uniform = 0.1 }

[[event]]
name = "boom"
hazard = { dist = "uniform", min = 0.1, max = 0.3 }
growth_shift = 0.1
duration = 2

[[event]]
name = "bust"
hazard = 0.1
spend_jump = 0.5

[[correlation]]
between = ["spend.long_run_growth", "event.boom.hazard"]
rho = 0.3
)";

scenario::LoadedScenario load_child(const std::string& child, MemoryFiles files = MemoryFiles()) {
  files.add("dir/base.toml", base_text);
  return scenario::load_scenario_text(child, "dir/child.toml", {}, files.reader());
}

std::vector<std::string> child_problems(const std::string& child,
                                        MemoryFiles files = MemoryFiles()) {
  files.add("dir/base.toml", base_text);
  return problems(child, {}, "dir/child.toml", files.reader());
}

TEST(Extends, ChildKeysReplaceParentKeysAndTheRestIsInherited) {
  scenario::LoadedScenario s =
      load_child("[scenario]\nextends = \"base.toml\"\n[simulation]\npaths = 700\n");
  EXPECT_EQ(s.spec.simulation.paths, 700u);
  EXPECT_EQ(s.spec.simulation.horizon, 2030);
  EXPECT_EQ(s.spec.spend.volatility.value, 0.1);
  // A value from the parent points into the parent.
  EXPECT_EQ(s.spec.spend.volatility.where, (scenario::SourcePosition{"dir/base.toml", 19, 14}));
  EXPECT_EQ(s.document.find("simulation")->find("paths")->where,
            (scenario::SourcePosition{"dir/child.toml", 4, 9}));
}

TEST(Extends, TheNameIsNotInheritedButComesFromTheFile) {
  scenario::LoadedScenario s = load_child("[scenario]\nextends = \"base.toml\"\n");
  EXPECT_EQ(s.spec.name, "child");
  scenario::LoadedScenario named =
      load_child("[scenario]\nextends = \"base.toml\"\nname = \"my-child\"\n");
  EXPECT_EQ(named.spec.name, "my-child");
}

TEST(Extends, TitleAndDescriptionAreTheFilesOwnAndTheParentIsNamed) {
  // The parent's words describe the parent: a child without its own says it extends it.
  scenario::LoadedScenario bare = load_child("[scenario]\nextends = \"base.toml\"\n");
  EXPECT_EQ(bare.spec.title, "");
  EXPECT_EQ(bare.spec.description, "");
  EXPECT_EQ(bare.spec.extends, std::vector<std::string>{"base"});
  scenario::LoadedScenario own = load_child(
      "[scenario]\nextends = \"base.toml\"\ntitle = \"Mine\"\ndescription = \"My words.\"\n");
  EXPECT_EQ(own.spec.title, "Mine");
  EXPECT_EQ(own.spec.description, "My words.");
  // A parent is named by its scenario.name when it has one, else by its file stem.
  MemoryFiles files;
  files.add("dir/named.toml", "[scenario]\nname = \"the-parent\"\nextends = \"base.toml\"\n");
  files.add("dir/base.toml", base_text);
  scenario::LoadedScenario grandchild = scenario::load_scenario_text(
      "[scenario]\nextends = \"named.toml\"\n", "dir/child.toml", {}, files.reader());
  EXPECT_EQ(grandchild.spec.extends, std::vector<std::string>{"the-parent"});
  EXPECT_EQ(grandchild.spec.title, "");
}

TEST(Extends, ADistributionIsReplacedWhole) {
  scenario::LoadedScenario s = load_child(
      "[scenario]\nextends = \"base.toml\"\n[spend]\nceiling = { dist = \"uniform\", min = 100, "
      "max = 200 }\n");
  ASSERT_TRUE(s.spec.spend.ceiling);
  EXPECT_EQ(s.spec.spend.ceiling->kind, scenario::DistSpec::Kind::uniform);
  EXPECT_EQ(s.spec.spend.ceiling->min, 100.0);
  scenario::LoadedScenario c =
      load_child("[scenario]\nextends = \"base.toml\"\n[spend]\nceiling = 500\n");
  EXPECT_TRUE(c.spec.spend.ceiling->is_constant());
  EXPECT_EQ(c.spec.spend.ceiling->value, 500.0);
}

TEST(Extends, ACompositionCorrelationIsReplacedWhole) {
  scenario::LoadedScenario s = load_child(
      "[scenario]\nextends = \"base.toml\"\n[vendors]\ncorrelation = { pairs = [[\"A\", \"B\", "
      "-0.2]] }\n");
  const auto& c = *s.spec.vendors;
  ASSERT_EQ(c.categories.size(), 4u);  // A, B, C, Other
  const std::vector<double> expected{1, -0.2, 0, 0, -0.2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  EXPECT_EQ(c.shock_correlation, expected);
}

TEST(Extends, OneObservedYearOfSharesIsReplacedWhole) {
  scenario::LoadedScenario s = load_child(
      "[scenario]\nextends = \"base.toml\"\n[data.vendors]\n2024 = { A = 0.6, B = 0.4 }\n");
  const auto& cats = s.spec.vendors->categories;
  ASSERT_EQ(cats.size(), 2u);  // no C, and no Other: the shares sum to 1
  EXPECT_EQ(cats[0].name, "A");
  EXPECT_EQ(cats[1].name, "B");
  EXPECT_DOUBLE_EQ(*cats[0].observed_momentum, std::log(0.6 / 0.5));
}

TEST(Extends, OtherTablesMergeKeyByKey) {
  scenario::LoadedScenario s = load_child(
      "[scenario]\nextends = \"base.toml\"\n[vendors]\ndrift = { B = -0.01 }\n[data]\nspend = { "
      "2024 = 14.0 }\n");
  const auto& drift = s.spec.vendors->drift;
  ASSERT_EQ(drift.size(), 2u);
  EXPECT_EQ(drift[0].name, "A");
  EXPECT_EQ(drift[1].name, "B");
  EXPECT_EQ(drift[1].dist.value, -0.01);
  EXPECT_EQ(s.spec.spend.base_spend_usd_bn, 14.0);
  EXPECT_DOUBLE_EQ(*s.spec.spend.observed_growth, std::log(14.0 / 2.3));
}

TEST(Extends, EventsMergeByNameAndRemoveDropsOne) {
  scenario::LoadedScenario s = load_child(R"([scenario]
extends = "base.toml"

[[event]]
name = "bust"
remove = true

[[event]]
name = "boom"
hazard = { dist = "uniform", min = 0.3, max = 0.5 }

[[event]]
name = "entrant"
hazard = 0.05
)");
  ASSERT_EQ(s.spec.events.size(), 2u);
  EXPECT_EQ(s.spec.events[0].name, "boom");
  EXPECT_EQ(s.spec.events[0].hazard.min, 0.3);
  EXPECT_EQ(s.spec.events[0].growth_shift->value, 0.1);  // kept from the parent
  EXPECT_EQ(s.spec.events[0].duration->value, 2.0);
  EXPECT_EQ(s.spec.events[1].name, "entrant");
  EXPECT_TRUE(s.warnings.empty());
}

TEST(Extends, RemovingAnEventThatNoParentHasIsAWarning) {
  EXPECT_EQ(child_problems("[scenario]\nextends = \"base.toml\"\n[[event]]\nname = \"nope\"\n"
                           "remove = true\n"),
            (std::vector<std::string>{
                "loaded",
                "dir/child.toml:5:10: warning: event.nope.remove: nothing to remove (got "
                "remove = true; expected an event named 'nope' in a parent file)"}));
}

TEST(Extends, CorrelationsMergeByTheirUnorderedPair) {
  scenario::LoadedScenario s = load_child(R"([scenario]
extends = "base.toml"
[[correlation]]
between = ["event.boom.hazard", "spend.long_run_growth"]
rho = -0.5
)");
  ASSERT_EQ(s.spec.correlations.size(), 1u);
  EXPECT_EQ(s.spec.correlations[0].first, "event.boom.hazard");
  EXPECT_EQ(s.spec.correlations[0].rho, -0.5);
}

TEST(Extends, ParentsMergeLeftToRightThenTheChild) {
  MemoryFiles files;
  files.add("dir/a.toml", "[simulation]\npaths = 1\nseed = 1\nsteps_per_year = 2\n");
  files.add("dir/b.toml", "[simulation]\npaths = 2\nseed = 2\n");
  scenario::LoadedScenario s = load_child(
      "[scenario]\nextends = [\"base.toml\", \"a.toml\", \"b.toml\"]\n[simulation]\nseed = 3\n",
      files);
  EXPECT_EQ(s.spec.simulation.steps_per_year, 2);
  EXPECT_EQ(s.spec.simulation.paths, 2u);
  EXPECT_EQ(s.spec.simulation.seed, 3u);
}

TEST(Extends, PathsAreRelativeToTheIncludingFile) {
  MemoryFiles files;
  files.add("dir/sub/mid.toml",
            "[scenario]\nextends = \"../base.toml\"\n[simulation]\npaths = 9\n");
  files.add("dir/base.toml", base_text);
  scenario::LoadedScenario s = scenario::load_scenario_text(
      "[scenario]\nextends = \"sub/mid.toml\"\n", "dir/child.toml", {}, files.reader());
  EXPECT_EQ(s.spec.simulation.paths, 9u);
  EXPECT_EQ(files.asked(), (std::vector<std::string>{"dir/sub/mid.toml", "dir/base.toml"}));
}

TEST(Extends, ADiamondIsNotACycle) {
  MemoryFiles files;
  files.add("dir/left.toml", "[scenario]\nextends = \"base.toml\"\n[simulation]\npaths = 1\n");
  files.add("dir/right.toml", "[scenario]\nextends = \"base.toml\"\n[simulation]\nseed = 5\n");
  scenario::LoadedScenario s =
      load_child("[scenario]\nextends = [\"left.toml\", \"right.toml\"]\n", files);
  EXPECT_EQ(s.spec.simulation.paths, 500u);  // right's copy of base comes after left
  EXPECT_EQ(s.spec.simulation.seed, 5u);
}

TEST(Extends, ACycleIsAnErrorThatPrintsTheChain) {
  MemoryFiles files;
  files.add("dir/a.toml", "[scenario]\nextends = \"b.toml\"\n");
  files.add("dir/b.toml", "[scenario]\nextends = \"child.toml\"\n");
  EXPECT_EQ(child_problems("[scenario]\nextends = \"a.toml\"\n", files),
            std::vector<std::string>{
                "dir/b.toml:2:11: error: scenario.extends: extends cycle (got dir/child.toml -> "
                "dir/a.toml -> dir/b.toml -> dir/child.toml; expected files that do not extend "
                "themselves)"});
}

TEST(Extends, AFileExtendingItselfIsACycle) {
  EXPECT_EQ(child_problems("[scenario]\nextends = [\"base.toml\", \"./child.toml\"]\n"),
            std::vector<std::string>{
                "dir/child.toml:2:25: error: scenario.extends[1]: extends cycle (got "
                "dir/child.toml -> dir/child.toml; expected files that do not extend "
                "themselves)"});
}

TEST(Extends, AnUnreadableParentIsAnError) {
  EXPECT_EQ(child_problems("[scenario]\nextends = \"missing.toml\"\n"),
            std::vector<std::string>{
                "dir/child.toml:2:11: error: scenario.extends: cannot read the parent (got "
                "\"missing.toml\", resolved to dir/missing.toml: no such file; expected a "
                "readable scenario file)"});
}

TEST(Extends, ErrorsInAParentPointIntoTheParent) {
  MemoryFiles files;
  files.add("dir/bad.toml", "[spend]\nvolatility = -1\n");
  EXPECT_EQ(child_problems("[scenario]\nextends = [\"base.toml\", \"bad.toml\"]\n", files),
            std::vector<std::string>{"dir/bad.toml:2:14: error: spend.volatility: out of range "
                                     "(got -1; expected a number >= 0)"});
}

TEST(Extends, ASyntaxErrorInAParentStopsTheLoadWithItsPosition) {
  MemoryFiles files;
  files.add("dir/broken.toml", "[spend\nvolatility = 1\n");
  EXPECT_EQ(child_problems("[scenario]\nextends = \"broken.toml\"\n", files),
            std::vector<std::string>{
                "dir/broken.toml:1:7: error: invalid TOML in a table header: Error while "
                "parsing table header: expected ']', saw '\\n'"});
}

}  // namespace
}  // namespace spendcast::testing
