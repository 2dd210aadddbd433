// --set KEY=VALUE on every kind of key, applied after extends; errors name the --set.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

const std::string text = R"([scenario]
name = "base"
[simulation]
horizon = 2030
[data]
spend = { 2023 = 2.3, 2024 = 13.8 }
[data.vendors]
2024 = { A = 0.6, B = 0.3 }
[spend]
long_run_growth = 0.1
persistence = 0.5
volatility = 0.1
ceiling = { dist = "uniform", min = 100, max = 500 }
[vendors]
persistence = 0.5
volatility = 0.2
[[event]]
name = "boom"
hazard = 0.2
[[event]]
name = "bust"
hazard = 0.1
)";

scenario::LoadedScenario with(const std::vector<std::string>& sets) {
  return load(text, sets);
}

std::vector<std::string> set_problems(const std::vector<std::string>& sets) {
  return problems(text, sets);
}

TEST(Overrides, NumberReplacesAValueAndRemembersItsOrigin) {
  scenario::LoadedScenario s = with({"simulation.paths=1234", "spend.volatility = 0.2"});
  EXPECT_EQ(s.spec.simulation.paths, 1234u);
  EXPECT_EQ(s.spec.spend.volatility.value, 0.2);
  EXPECT_EQ(s.spec.spend.volatility.where,
            (scenario::SourcePosition{"--set spend.volatility = 0.2", 0, 0}));
}

TEST(Overrides, TheRunCommandsFlagsValidateThroughTheSamePath) {
  scenario::LoadedScenario s =
      with({"simulation.paths=50", "simulation.seed=7", "simulation.steps_per_year=12"});
  EXPECT_EQ(s.spec.simulation.paths, 50u);
  EXPECT_EQ(s.spec.simulation.seed, 7u);
  EXPECT_EQ(s.spec.simulation.steps_per_year, 12);
  EXPECT_EQ(set_problems({"simulation.steps_per_year=5"}),
            std::vector<std::string>{"--set simulation.steps_per_year=5: error: "
                                     "simulation.steps_per_year: out of range (got 5; expected 1, "
                                     "2, 4 or 12)"});
}

TEST(Overrides, SeedsAboveTheTomlIntegerRangeAreAccepted) {
  EXPECT_EQ(with({"simulation.seed=18446744073709551615"}).spec.simulation.seed,
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(with({"simulation.seed=\"9223372036854775808\""}).spec.simulation.seed,
            9223372036854775808u);
  EXPECT_EQ(set_problems({"simulation.seed=18446744073709551616"}),
            std::vector<std::string>{"--set simulation.seed=18446744073709551616: error: "
                                     "simulation.seed: not a TOML value (got "
                                     "18446744073709551616; expected a number, true or false, a "
                                     "\"quoted string\", [array] or { table })"});
}

TEST(Overrides, StringIntervalAndTableDistributions) {
  scenario::LoadedScenario s =
      with({"spend.ceiling=\"200 to 800\"",
            "spend.persistence={ dist = \"uniform\", min = 0.2, max = 0.4 }"});
  EXPECT_EQ(s.spec.spend.ceiling->kind, scenario::DistSpec::Kind::lognormal);
  EXPECT_EQ(s.spec.spend.persistence.kind, scenario::DistSpec::Kind::uniform);
  EXPECT_EQ(s.spec.spend.persistence.max, 0.4);
}

TEST(Overrides, AKeyInsideADistributionTable) {
  scenario::LoadedScenario s = with({"spend.ceiling.max=900"});
  EXPECT_EQ(s.spec.spend.ceiling->min, 100.0);
  EXPECT_EQ(s.spec.spend.ceiling->max, 900.0);
}

TEST(Overrides, NewKeysAndTablesAreCreated) {
  scenario::LoadedScenario s =
      with({"vendors.drift.B=0.05", "data.spend.2022=0.5", "spend.initial_growth=1.2",
            "report.thresholds.\"share.A\"=[0.5, 0.7]"});
  ASSERT_EQ(s.spec.vendors->drift.size(), 1u);
  EXPECT_EQ(s.spec.vendors->drift[0].name, "B");
  EXPECT_EQ(s.spec.spend.initial_growth->value, 1.2);
  ASSERT_EQ(s.spec.report.thresholds.size(), 1u);
  EXPECT_EQ(s.spec.report.thresholds[0].metric, "share.A");
  EXPECT_EQ(s.spec.report.thresholds[0].values, (std::vector<double>{0.5, 0.7}));
}

TEST(Overrides, ATableValueReplacesTheTableWhole) {
  scenario::LoadedScenario s = with({"data.vendors={ 2024 = { A = 0.5, B = 0.5 } }"});
  ASSERT_EQ(s.spec.vendors->categories.size(), 2u);
  EXPECT_EQ(s.spec.vendors->categories[1].base_share, 0.5);
}

TEST(Overrides, EventsByName) {
  scenario::LoadedScenario s = with({"event.bust.hazard=0.3", "event.boom.from=2027"});
  EXPECT_EQ(s.spec.events[1].hazard.value, 0.3);
  EXPECT_EQ(s.spec.events[0].first_year, 2027);
  scenario::LoadedScenario removed = with({"event.boom.remove=true"});
  ASSERT_EQ(removed.spec.events.size(), 1u);
  EXPECT_EQ(removed.spec.events[0].name, "bust");
}

TEST(Overrides, ScenarioNameAndLaterAssignmentsWin) {
  scenario::LoadedScenario s =
      with({"scenario.name=\"other\"", "spend.volatility=0.3", "spend.volatility=0.4"});
  EXPECT_EQ(s.spec.name, "other");
  EXPECT_EQ(s.spec.spend.volatility.value, 0.4);
}

TEST(Overrides, EveryBadAssignmentIsReportedInOnePass) {
  EXPECT_EQ(set_problems({"paths", "=3", "spend..volatility=1", "spend.volatility=abc",
                          "event.bomm.hazard=0.5", "event.boom=1", "spend.volatility.x=1",
                          "scenario.extends=\"x.toml\"", "spend.persistence=2",
                          "spend.volatility=1\nspend.persistence=0.1"}),
            (std::vector<std::string>{
                "--set paths: error: --set: not an assignment (got \"paths\"; expected KEY=VALUE "
                "with VALUE in TOML)",
                "--set =3: error: --set: not an assignment (got \"=3\"; expected KEY=VALUE with "
                "VALUE in TOML)",
                "--set spend..volatility=1: error: --set: not a TOML key (got "
                "\"spend..volatility\"; expected a dotted key such as spend.volatility)",
                "--set spend.volatility=abc: error: spend.volatility: not a TOML value (got abc; "
                "expected a number, true or false, a \"quoted string\", [array] or { table }); a "
                "string needs TOML quotes, kept from the shell by single quotes: --set "
                "'spend.volatility=\"abc\"'",
                "--set event.bomm.hazard=0.5: error: event.bomm: no such event (got \"bomm\"); "
                "did you mean 'boom'?",
                "--set event.boom=1: error: event.boom: not an event key (got event.boom; "
                "expected event.NAME.KEY)",
                "--set spend.volatility.x=1: error: spend.volatility.x: cannot set a key inside "
                "spend.volatility (got 0.1 there; expected a table)",
                "--set scenario.extends=\"x.toml\": error: scenario.extends: cannot be set with "
                "--set (got \"x.toml\"; expected extends in a scenario file: it is resolved "
                "before overrides)",
                "--set spend.persistence=2: error: spend.persistence: out of range (got 2; "
                "expected a number in [0, 1])",
                "--set spend.volatility=1\\u000Aspend.persistence=0.1: error: spend.volatility: "
                "not a TOML value (got 1\\u000Aspend.persistence=0.1; expected a number, true or "
                "false, a \"quoted string\", [array] or { table })"}));
}

TEST(Overrides, UnknownEventWithoutAnyEvents) {
  EXPECT_EQ(problems(minimal_scenario(), {"event.x.hazard=0.1"}),
            std::vector<std::string>{"--set event.x.hazard=0.1: error: event.x: no such event "
                                     "(got \"x\"; expected the name of an [[event]], but there "
                                     "are none)"});
}

TEST(Overrides, AppliedAfterExtends) {
  MemoryFiles files;
  files.add("base.toml", text);
  scenario::LoadedScenario s = scenario::load_scenario_text(
      "[scenario]\nextends = \"base.toml\"\n[spend]\nvolatility = 0.3\n", "child.toml",
      {"spend.volatility=0.5"}, files.reader());
  EXPECT_EQ(s.spec.spend.volatility.value, 0.5);
}

}  // namespace
}  // namespace spendcast::testing
