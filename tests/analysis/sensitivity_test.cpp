// sensitivity: a dominant θ ranks first, a θ with no effect gets a coefficient near 0,
// an event's firing is seen, and results do not depend on threads.
#include "analysis/sensitivity.hpp"

#include <gtest/gtest.h>

#include "analysis/sensitivity_output.hpp"
#include "samples.hpp"
#include "sim/fixtures.hpp"

namespace spendcast::analysis {
namespace {

using testing::constant;
using testing::menlo_spec;
using testing::uniform;

/// Spend driven by an uncertain long-run growth (dominant), a slightly uncertain
/// persistence, noise; vendor persistence is uncertain but cannot move spend; a
/// correction event with an uncertain hazard halves spend when it fires.
scenario::ScenarioSpec driven_spec() {
  scenario::ScenarioSpec s = menlo_spec(2028, 2);
  s.simulation.paths = 3000;
  s.spend.long_run_growth = uniform(0.0, 0.5);
  s.spend.persistence = uniform(0.45, 0.55);
  s.spend.volatility = constant(0.05);
  s.vendors->persistence = uniform(0.2, 0.8);
  s.vendors->volatility = constant(0.1);
  scenario::EventSpec crash;
  crash.name = "crash";
  crash.hazard = uniform(0.02, 0.1);
  crash.first_year = 2025;
  crash.last_year = 2028;
  crash.spend_jump = constant(0.5);
  s.events.push_back(crash);
  return s;
}

SensitivityOptions spend_options(int threads = 1) {
  SensitivityOptions o;
  o.metric = "spend";
  o.threads = threads;
  return o;
}

const SensitivityFactor& factor(const SensitivityReport& r, const std::string& name) {
  for (const SensitivityFactor& f : r.factors)
    if (f.name == name) return f;
  throw std::runtime_error("no factor " + name);
}

TEST(Sensitivity, TheDominantParameterRanksFirstAndAnInertOneNearZero) {
  const SensitivityReport r = analyse_sensitivity(driven_spec(), spend_options());
  EXPECT_EQ(r.year, 2028);
  EXPECT_EQ(r.paths, 3000u);
  ASSERT_EQ(r.factors.size(), 6u);  // four uncertain θs, one event and its time
  EXPECT_EQ(r.factors[0].name, "spend.long_run_growth");
  const SensitivityFactor& growth = r.factors[0];
  EXPECT_GT(growth.spearman.value, 0.6);
  EXPECT_GT(growth.srrc.value, 0.6);
  for (const SensitivityFactor& other : r.factors)
    if (&other != &growth) {
      EXPECT_GT(growth.srrc.value, std::fabs(other.srrc.value)) << other.name;
      EXPECT_GT(growth.swing, std::fabs(other.swing)) << other.name;
    }
  EXPECT_DOUBLE_EQ(growth.low_value, 0.05);   // uniform(0, 0.5) at 10 %
  EXPECT_DOUBLE_EQ(growth.high_value, 0.45);  // and at 90 %
  EXPECT_GT(r.r_squared, 0.6);

  const SensitivityFactor& inert = factor(r, "vendors.persistence");
  EXPECT_LT(std::fabs(inert.srrc.value), 4 * inert.srrc.se);
  EXPECT_LT(std::fabs(inert.spearman.value), 4 * inert.spearman.se);
  // Pinned on the same paths with the same seed, it changes no spend at all.
  EXPECT_EQ(inert.swing, 0.0);
  EXPECT_EQ(inert.low_median, r.median);
  EXPECT_EQ(r.factors.back().name, "vendors.persistence");

  const SensitivityFactor& crash = factor(r, "event.crash");
  EXPECT_TRUE(crash.is_event);
  EXPECT_GT(crash.fired, 0u);
  EXPECT_LT(crash.srrc.value, -4 * crash.srrc.se);
  EXPECT_LT(crash.swing, 0);  // spend is lower where the crash happened
}

/// The example: a new entrant that surely enters in 2025 with an uncertain share;
/// before its entry share was a factor, R² was tiny and the driver did not appear.
TEST(Sensitivity, TheEntryShareOfANewEntrantIsAFactorAndTheNoiseIsWhatRemains) {
  scenario::ScenarioSpec s = testing::certain_entrant_spec();
  s.simulation.paths = 3000;
  SensitivityOptions o = spend_options();
  o.metric = "share.Entrant";
  const SensitivityReport r = analyse_sensitivity(s, o);
  ASSERT_EQ(r.factors[0].name, "event.entry.entry_share");
  const SensitivityFactor& share = r.factors[0];
  EXPECT_TRUE(share.is_event_input);
  EXPECT_EQ(share.fired, 3000u);
  EXPECT_GT(share.srrc.value, 0.8);
  EXPECT_GT(share.swing, 0.1);  // p90 of the entry share (0.272) against p10 (0.048)
  EXPECT_NEAR(share.low_value, 0.02 + 0.28 * 0.1, 0.01);
  EXPECT_GT(r.r_squared, 0.8);
  EXPECT_FALSE(factor(r, "event.entry").varies);  // it always fired: no statistics
  const std::string table = sensitivity_table(r);
  EXPECT_NE(table.find("noise (1 − R²)"), std::string::npos);
  EXPECT_NE(table.find("method: rank-based"), std::string::npos);
  const auto json = sensitivity_to_json(r);
  EXPECT_DOUBLE_EQ(json["unexplained"].get<double>(), 1 - r.r_squared);
  EXPECT_EQ(json["factors"][0]["kind"], "event_input");
}

TEST(Sensitivity, ResultsDoNotDependOnThreads) {
  const auto one = sensitivity_to_json(analyse_sensitivity(driven_spec(), spend_options(1)));
  auto three = sensitivity_to_json(analyse_sensitivity(driven_spec(), spend_options(3)));
  three["run"] = one["run"];
  EXPECT_EQ(one.dump(), three.dump());
}

TEST(Sensitivity, AnEventThatCannotHaveFiredHasNoStatistics) {
  scenario::ScenarioSpec s = driven_spec();
  s.simulation.paths = 400;
  s.events[0].first_year = 2027;
  SensitivityOptions o = spend_options();
  o.year = 2026;
  const SensitivityReport r = analyse_sensitivity(s, o);
  const SensitivityFactor& crash = factor(r, "event.crash");
  EXPECT_FALSE(crash.varies);
  EXPECT_EQ(crash.fired, 0u);
  EXPECT_TRUE(std::isnan(crash.srrc.value));
  EXPECT_TRUE(std::isnan(crash.swing));
  // Undefined influence goes last: the event and its time (never fired, all +∞).
  EXPECT_EQ(r.factors[r.factors.size() - 2].name, "event.crash");
  EXPECT_EQ(r.factors.back().name, "event.crash.time");
  EXPECT_FALSE(r.factors.back().varies);
  EXPECT_EQ(r.factors.back().fired, 0u);
  const std::string csv = sensitivity_to_csv(r);
  EXPECT_EQ(csv.find("event.crash,srrc,"), std::string::npos);
  EXPECT_NE(csv.find("event.crash,fired_paths,0\n"), std::string::npos);
}

TEST(Sensitivity, UnknownMetricOrYearNamesTheOption) {
  SensitivityOptions o = spend_options();
  o.metric = "spnd";
  o.year = 2040;
  try {
    analyse_sensitivity(driven_spec(), o);
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--metric spnd: error: unknown metric (got \"spnd\"); did you mean 'spend'?\n"
              "--year 2040: error: outside the run (got 2040; expected a year from 2025 to "
              "2028)");
  }
}

TEST(Sensitivity, TheTableFitsOneHundredColumns) {
  scenario::ScenarioSpec s = driven_spec();
  s.simulation.paths = 300;
  const std::string table = sensitivity_table(analyse_sensitivity(s, spend_options()));
  EXPECT_EQ(table.rfind("What drives spend ($B) in 2028 (test): median ", 0), 0u) << table;
  EXPECT_NE(table.find("spend.long_run_growth"), std::string::npos);
  EXPECT_LE(testing::widest_line(table), 100u) << table;
}

}  // namespace
}  // namespace spendcast::analysis
