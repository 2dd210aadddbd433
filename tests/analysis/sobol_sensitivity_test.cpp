// Sobol indices of the engine (analysis/sobol_sensitivity): on a growth-only model the
// first-order index of the long-run growth agrees with a brute-force double loop; a factor
// that cannot move the metric gets exactly 0; a new entrant's entry drives its share;
// results do not depend on threads.
#include "analysis/sobol_sensitivity.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/sensitivity_output.hpp"
#include "sim/fixtures.hpp"

namespace spendcast::analysis {
namespace {

using testing::constant;
using testing::menlo_spec;
using testing::uniform;

/// Spend only: an uncertain long-run growth, a slightly uncertain persistence (the 2024
/// growth of 6× decays with it), level noise.
scenario::ScenarioSpec growth_only() {
  scenario::ScenarioSpec s = menlo_spec(2028, 1);
  s.spend.long_run_growth = uniform(0.1, 0.4);
  s.spend.persistence = uniform(0.48, 0.52);
  s.spend.volatility = constant(0.15);
  return s;
}

SensitivityOptions options_for(const std::string& metric, int threads = 2) {
  SensitivityOptions o;
  o.metric = metric;
  o.threads = threads;
  return o;
}

const SobolFactor& factor(const SobolReport& r, const std::string& name) {
  for (const SobolFactor& f : r.factors)
    if (f.name == name) return f;
  throw std::runtime_error("no factor " + name);
}

TEST(SobolSensitivity, GrowthOnlyFirstOrderAgreesWithABruteForceDoubleLoop) {
  scenario::ScenarioSpec spec = growth_only();
  spec.simulation.paths = 20000;
  const SobolReport r = analyse_sobol(spec, options_for("spend"));
  ASSERT_EQ(r.factors.size(), 3u);  // two θs and the noise
  EXPECT_EQ(r.runs, 5);
  const SobolFactor& growth = factor(r, "spend.long_run_growth");
  EXPECT_GT(growth.index.first.value, 0.3);

  // V(E[S | ḡ]): ḡ at the midpoints of M strata of its uniform, E[S | ḡ] by the mean of an
  // inner run of its own seed; the inner runs' noise, mean(s²)/n, is taken off.
  constexpr int outer = 32;
  constexpr std::uint64_t inner = 4000;
  std::vector<double> means, variances;
  for (int j = 0; j < outer; ++j) {
    scenario::ScenarioSpec pinned = growth_only();
    pinned.spend.long_run_growth = constant(0.1 + 0.3 * (j + 0.5) / outer);
    pinned.simulation.paths = inner;
    pinned.simulation.seed = 1000 + j;
    const model::Model model = model::compile_model(pinned);
    const auto [mean, se] = testing::mean_se(testing::run_all(model, inner, 2).column(0, 3));
    means.push_back(mean);
    variances.push_back(se * se);  // of the mean
  }
  double grand = 0, spread = 0, noise = 0, error = 0;
  for (int j = 0; j < outer; ++j) grand += means[j] / outer;
  for (int j = 0; j < outer; ++j) {
    spread += (means[j] - grand) * (means[j] - grand) / outer;
    noise += variances[j] / outer;
    error += 4 * (means[j] - grand) * (means[j] - grand) * variances[j] / (outer * outer);
  }
  const double brute = (spread - noise) / r.variance, brute_se = std::sqrt(error) / r.variance;
  const double se = std::hypot(growth.index.first.se, brute_se);
  RecordProperty("sobol", std::to_string(growth.index.first.value) + " ± " +
                              std::to_string(growth.index.first.se));
  RecordProperty("brute_force", std::to_string(brute) + " ± " + std::to_string(brute_se));
  EXPECT_NEAR(growth.index.first.value, brute, 4 * se)
      << "Sobol " << growth.index.first.value << " ± " << growth.index.first.se << ", brute force "
      << brute << " ± " << brute_se;
  EXPECT_LT(growth.index.first.se, 0.02);
  EXPECT_GE(growth.index.total.value, growth.index.first.value - 4 * growth.index.first.se);
}

TEST(SobolSensitivity, AFactorThatCannotMoveTheMetricHasExactlyZero) {
  scenario::ScenarioSpec spec = growth_only();
  spec.simulation.paths = 2000;
  spec.vendors->persistence = uniform(0.2, 0.8);  // moves shares, never spend
  spec.spend.volatility = constant(0.0);          // no noise at all
  const SobolReport r = analyse_sobol(spec, options_for("spend"));
  for (const char* name : {"vendors.persistence", "noise"}) {
    const SobolFactor& f = factor(r, name);
    EXPECT_EQ(f.index.first.value, 0.0) << name;
    EXPECT_EQ(f.index.total.value, 0.0) << name;
  }
  EXPECT_EQ(r.factors.back().name, "vendors.persistence");  // ties by name, after "noise"
  // Without noise the two spend θs explain everything: Σ S_Ti >= 1 - 4 se.
  EXPECT_GT(factor(r, "spend.long_run_growth").index.total.value +
                factor(r, "spend.persistence").index.total.value,
            0.9);
}

/// The example: a new entrant that surely enters in 2025 with an uncertain share.
scenario::ScenarioSpec entrant_spec() {
  scenario::ScenarioSpec s = testing::certain_entrant_spec();
  s.simulation.paths = 4000;
  return s;
}

TEST(SobolSensitivity, TheEntryEventDrivesTheEntrantsShare) {
  const SobolReport r = analyse_sobol(entrant_spec(), options_for("share.Entrant"));
  EXPECT_EQ(r.factors[0].name, "event.entry");
  EXPECT_EQ(r.factors[0].kind, "event");
  EXPECT_GT(r.factors[0].index.first.value, 0.6);
  EXPECT_EQ(factor(r, "spend.long_run_growth").index.total.value, 0.0);  // shares ignore spend
  EXPECT_GT(factor(r, "noise").index.total.value, 4 * factor(r, "noise").index.total.se);
  EXPECT_NEAR(r.first_sum.value, 1.0, 0.1);
}

TEST(SobolSensitivity, CorrelatedParametersAreOneFactorAndLhsBecomesMonteCarlo) {
  scenario::ScenarioSpec spec = entrant_spec();
  spec.simulation.paths = 500;
  spec.simulation.sampling = scenario::Sampling::lhs;
  spec.correlations.push_back({"spend.long_run_growth", "vendors.persistence", 0.5, {}});
  const SobolReport r = analyse_sobol(spec, options_for("share.Entrant"));
  const SobolFactor& group = factor(r, "spend.long_run_growth + vendors.persistence");
  EXPECT_EQ(group.members.size(), 2u);
  EXPECT_EQ(r.factors.size(), 3u);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("Latin hypercube"), std::string::npos);
}

TEST(SobolSensitivity, ResultsDoNotDependOnThreads) {
  scenario::ScenarioSpec spec = entrant_spec();
  spec.simulation.paths = 1000;
  auto one = sobol_to_json(analyse_sobol(spec, options_for("share.Entrant", 1)));
  auto three = sobol_to_json(analyse_sobol(spec, options_for("share.Entrant", 3)));
  three["run"] = one["run"];
  EXPECT_EQ(one.dump(), three.dump());
  const std::string table = sobol_table(analyse_sobol(spec, options_for("share.Entrant", 1)));
  EXPECT_NE(table.find("method: Sobol"), std::string::npos);
}

}  // namespace
}  // namespace spendcast::analysis
