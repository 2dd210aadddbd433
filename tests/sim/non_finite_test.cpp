// A value that is not finite despite the checks before the run (check_finite_arithmetic)
// stops the run with a message naming the metric, year, path and parameters.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "model/finite_check.hpp"
#include "scenario/diagnostic.hpp"
#include "sim/simulate.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

TEST(NonFinite, ARunNamesTheMetricYearPathAndParameters) {
  model::Model model = model::compile_model(menlo_spec());
  // Past the check: a compiled model whose spend volatility overflows log spend.
  model.thetas[model.volatility_theta].distribution = model::Distribution(constant(1e6));
  SimulationOptions o;
  o.paths = 100;
  o.seed = 1;
  o.threads = 1;
  try {
    simulate<stats::ForecastAccumulator>(model, o,
                                         [&] { return stats::ForecastAccumulator(model.layout); });
    FAIL() << "no error";
  } catch (const NonFiniteValue& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("the value of 'spend' in 2025 is "), std::string::npos) << m;
    EXPECT_NE(m.find(" on path "), std::string::npos) << m;
    EXPECT_NE(m.find("spend.volatility = 1000000"), std::string::npos) << m;
  }
}

TEST(NonFinite, TheCheckBeforeTheRunNamesTheKey) {
  scenario::ScenarioSpec spec = menlo_spec();
  spec.spend.volatility = constant(1e6);
  try {
    model::check_finite_arithmetic(spec);
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].message.rfind("spend.volatility: out of range (got draws up to "
                                               "1000000; expected at most about ",
                                               0),
              0u)
        << e.diagnostics()[0].message;
  }
  EXPECT_THROW(model::compile_model(spec), scenario::ScenarioError);
  // Within the bound: runs.
  spec.spend.volatility = constant(2.0);
  EXPECT_NO_THROW(model::check_finite_arithmetic(spec));
}

}  // namespace
}  // namespace spendcast::sim
