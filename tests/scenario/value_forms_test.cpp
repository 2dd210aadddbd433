// Every value form of SCENARIO-FORMAT.md "Values", read from a file, against the
// DistSpec it must produce; bounded parameters against their ranges.

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "scenario/value_forms.hpp"
#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

using Kind = scenario::DistSpec::Kind;

/// A minimal scenario whose [spend] holds `lines` (long_run_growth etc. must be there).
std::string with_spend(const std::string& lines) {
  return "[simulation]\nhorizon = 2030\n[data]\nspend = { 2023 = 2.3, 2024 = 13.8 }\n[spend]\n" +
         lines;
}

/// spend.long_run_growth written as `value`.
scenario::DistSpec growth(const std::string& value) {
  return load(with_spend("long_run_growth = " + value + "\npersistence = 0.5\nvolatility = 0.1\n"))
      .spec.spend.long_run_growth;
}

/// spend.persistence (bounded to [0, 1]) written as `value`: the problems.
std::vector<std::string> persistence_problems(const std::string& value) {
  return problems(
      with_spend("long_run_growth = 0.1\npersistence = " + value + "\nvolatility = 0.1\n"));
}

const double z = 1.6448536269514722;

TEST(ValueForms, Z95IsTheNormalQuantileOf95Percent) {
  // The correctly rounded value of 1.64485362695147271...; Boost's quantile is 1 ulp above.
  EXPECT_EQ(scenario::z95(), 1.6448536269514722);
  EXPECT_NEAR(scenario::z95(), boost::math::quantile(boost::math::normal_distribution<>(), 0.95),
              4e-16);
}

TEST(ValueForms, NumberIsAConstant) {
  scenario::DistSpec d = growth("0.25");
  EXPECT_EQ(d.kind, Kind::constant);
  EXPECT_EQ(d.value, 0.25);
  EXPECT_EQ(d.where, (scenario::SourcePosition{"t.toml", 6, 19}));
}

TEST(ValueForms, IntegerAndExponentAndUnderscoreNumbersAreConstants) {
  EXPECT_EQ(growth("1").value, 1.0);
  EXPECT_EQ(growth("1e-2").value, 0.01);
  EXPECT_EQ(growth("1_000").value, 1000.0);
}

TEST(ValueForms, IntervalWithPositiveLowIsA90PercentLognormal) {
  scenario::DistSpec d = growth("\"0.05 to 0.30\"");
  ASSERT_EQ(d.kind, Kind::lognormal);
  EXPECT_DOUBLE_EQ(d.mu, (std::log(0.05) + std::log(0.30)) / 2);
  EXPECT_DOUBLE_EQ(d.sigma, (std::log(0.30) - std::log(0.05)) / (2 * z));
  EXPECT_NEAR(std::exp(d.mu - z * d.sigma), 0.05, 1e-15);
  EXPECT_NEAR(std::exp(d.mu + z * d.sigma), 0.30, 1e-15);
}

TEST(ValueForms, IntervalWithLowAtOrBelowZeroIsA90PercentNormal) {
  scenario::DistSpec d = growth("\"-0.1 to 0.3\"");
  ASSERT_EQ(d.kind, Kind::normal);
  EXPECT_DOUBLE_EQ(d.mean, 0.1);
  EXPECT_DOUBLE_EQ(d.sd, 0.2 / z);
  scenario::DistSpec zero = growth("\"0 to 1\"");
  ASSERT_EQ(zero.kind, Kind::normal);
  EXPECT_DOUBLE_EQ(zero.mean, 0.5);
  EXPECT_DOUBLE_EQ(zero.sd, 0.5 / z);
}

TEST(ValueForms, IntervalAcceptsUnderscoresSignsAndExtraBlanks) {
  scenario::DistSpec d = growth("\"  1_000   to 4e3 \"");
  ASSERT_EQ(d.kind, Kind::lognormal);
  EXPECT_DOUBLE_EQ(d.mu, (std::log(1000.0) + std::log(4000.0)) / 2);
  scenario::DistSpec n = growth("\"-2 to +2\"");
  ASSERT_EQ(n.kind, Kind::normal);
  EXPECT_DOUBLE_EQ(n.mean, 0.0);
}

TEST(ValueForms, Normal) {
  scenario::DistSpec d = growth("{ dist = \"normal\", mean = 0.2, sd = 0.05 }");
  ASSERT_EQ(d.kind, Kind::normal);
  EXPECT_EQ(d.mean, 0.2);
  EXPECT_EQ(d.sd, 0.05);
  EXPECT_FALSE(d.truncate);
}

TEST(ValueForms, LognormalFromP5AndP95) {
  scenario::DistSpec d = growth("{ dist = \"lognormal\", p5 = 120, p95 = 900 }");
  ASSERT_EQ(d.kind, Kind::lognormal);
  EXPECT_DOUBLE_EQ(d.mu, (std::log(120.0) + std::log(900.0)) / 2);
  EXPECT_DOUBLE_EQ(d.sigma, std::log(900.0 / 120.0) / (2 * z));
}

TEST(ValueForms, LognormalFromMedianAndSigma) {
  scenario::DistSpec d = growth("{ dist = \"lognormal\", median = 2, sigma = 0.5 }");
  ASSERT_EQ(d.kind, Kind::lognormal);
  EXPECT_EQ(d.mu, std::log(2.0));
  EXPECT_EQ(d.sigma, 0.5);
}

TEST(ValueForms, LognormalFromMuAndSigma) {
  scenario::DistSpec d = growth("{ dist = \"lognormal\", mu = -1.5, sigma = 0.25 }");
  ASSERT_EQ(d.kind, Kind::lognormal);
  EXPECT_EQ(d.mu, -1.5);
  EXPECT_EQ(d.sigma, 0.25);
}

TEST(ValueForms, Uniform) {
  scenario::DistSpec d = growth("{ dist = \"uniform\", min = -0.1, max = 0.4 }");
  ASSERT_EQ(d.kind, Kind::uniform);
  EXPECT_EQ(d.min, -0.1);
  EXPECT_EQ(d.max, 0.4);
}

TEST(ValueForms, TriangularAndPertKeepMinModeMax) {
  scenario::DistSpec t = growth("{ dist = \"triangular\", min = 0, mode = 0.1, max = 0.5 }");
  ASSERT_EQ(t.kind, Kind::triangular);
  EXPECT_EQ(t.min, 0.0);
  EXPECT_EQ(t.mode, 0.1);
  EXPECT_EQ(t.max, 0.5);
  scenario::DistSpec p = growth("{ dist = \"pert\", min = 0.05, mode = 0.05, max = 0.35 }");
  ASSERT_EQ(p.kind, Kind::pert);
  EXPECT_EQ(p.min, 0.05);
  EXPECT_EQ(p.mode, 0.05);
  EXPECT_EQ(p.max, 0.35);
}

TEST(ValueForms, BetaOnTheUnitIntervalByDefaultOrRescaled) {
  scenario::DistSpec b = growth("{ dist = \"beta\", alpha = 4, beta = 2 }");
  ASSERT_EQ(b.kind, Kind::beta);
  EXPECT_EQ(b.alpha, 4.0);
  EXPECT_EQ(b.beta, 2.0);
  EXPECT_EQ(b.min, 0.0);
  EXPECT_EQ(b.max, 1.0);
  scenario::DistSpec r = growth("{ dist = \"beta\", alpha = 2, beta = 3, min = -1, max = 3 }");
  EXPECT_EQ(r.min, -1.0);
  EXPECT_EQ(r.max, 3.0);
}

TEST(ValueForms, DiscreteKeepsTheFileOrder) {
  scenario::DistSpec d =
      growth("{ dist = \"discrete\", values = [0.3, 0.1, 0.2], weights = [1, 0, 2.5] }");
  ASSERT_EQ(d.kind, Kind::discrete);
  EXPECT_EQ(d.values, (std::vector<double>{0.3, 0.1, 0.2}));
  EXPECT_EQ(d.weights, (std::vector<double>{1.0, 0.0, 2.5}));
}

TEST(ValueForms, TruncateOnAnyDistribution) {
  scenario::DistSpec n = growth("{ dist = \"normal\", mean = 0, sd = 1, truncate = [-1, 2.5] }");
  ASSERT_TRUE(n.truncate);
  EXPECT_EQ(*n.truncate, (std::array<double, 2>{-1.0, 2.5}));
  scenario::DistSpec l =
      growth("{ dist = \"lognormal\", median = 1, sigma = 1, truncate = [0, 5] }");
  EXPECT_EQ(*l.truncate, (std::array<double, 2>{0.0, 5.0}));
  scenario::DistSpec d = growth(
      "{ dist = \"discrete\", values = [1, 2, 3], weights = [1, 1, 1], truncate = [1.5, 3] }");
  EXPECT_EQ(*d.truncate, (std::array<double, 2>{1.5, 3.0}));
}

TEST(ValueForms, SupportAppliesTruncation) {
  scenario::DistSpec d = growth(
      "{ dist = \"discrete\", values = [1, 2, 3, 4], weights = [1, 1, 1, 0], truncate = [1.5, 4] "
      "}");
  scenario::Support s = scenario::support_of(d);
  EXPECT_EQ(s.lo, 2.0);
  EXPECT_EQ(s.hi, 3.0);  // 4 has weight 0
  EXPECT_TRUE(s.lo_atom);
  scenario::DistSpec n = growth("{ dist = \"normal\", mean = 0, sd = 1, truncate = [-1, 2] }");
  s = scenario::support_of(n);
  EXPECT_EQ(s.lo, -1.0);
  EXPECT_EQ(s.hi, 2.0);
  EXPECT_FALSE(s.hi_atom);
}

TEST(ValueForms, BoundedParameterAcceptsBoundedForms) {
  for (const char* value :
       {"0", "1", "{ dist = \"uniform\", min = 0, max = 1 }",
        "{ dist = \"beta\", alpha = 2, beta = 2 }",
        "{ dist = \"pert\", min = 0.2, mode = 0.5, max = 1 }",
        "{ dist = \"normal\", mean = 0.5, sd = 0.2, truncate = [0, 1] }",
        "{ dist = \"lognormal\", median = 0.5, sigma = 0.3, truncate = [0.1, 0.9] }",
        "{ dist = \"discrete\", values = [0, 0.5, 1], weights = [1, 1, 1] }",
        "{ dist = \"discrete\", values = [0.5, 7], weights = [1, 0] }"})
    EXPECT_EQ(persistence_problems(value), std::vector<std::string>{"loaded"}) << value;
}

TEST(ValueForms, BoundedParameterRefusesFormsThatLeaveItsRange) {
  EXPECT_EQ(persistence_problems("\"0.2 to 0.8\""),
            std::vector<std::string>{
                "t.toml:7:15: error: spend.persistence: the distribution can leave [0, 1] (got "
                "\"0.2 to 0.8\": lognormal on (0, inf); expected a bounded distribution "
                "(uniform, triangular, pert, beta) within [0, 1], or truncate = [lo, hi])"});
  EXPECT_EQ(persistence_problems("{ dist = \"uniform\", min = 0.5, max = 1.2 }"),
            std::vector<std::string>{
                "t.toml:7:15: error: spend.persistence: the distribution can leave [0, 1] (got "
                "{ dist = \"uniform\", min = 0.5, max = 1.2 }: uniform on [0.5, 1.2]; expected a "
                "bounded distribution (uniform, triangular, pert, beta) within [0, 1], or "
                "truncate = [lo, hi])"});
  EXPECT_EQ(persistence_problems("1.5"),
            std::vector<std::string>{"t.toml:7:15: error: spend.persistence: out of range (got "
                                     "1.5; expected a number in [0, 1])"});
}

TEST(ValueForms, OpenBoundsRefuseAtomsButNotContinuousEnds) {
  // spend.ceiling must be > 0: a uniform from 0 draws 0 with probability 0; a constant 0 or
  // a discrete value 0 is refused.
  const std::string base = "long_run_growth = 0.1\npersistence = 0.5\nvolatility = 0.1\nceiling = ";
  EXPECT_EQ(problems(with_spend(base + "{ dist = \"uniform\", min = 0, max = 100 }\n")),
            std::vector<std::string>{"loaded"});
  EXPECT_EQ(problems(with_spend(base + "0\n")),
            std::vector<std::string>{"t.toml:9:11: error: spend.ceiling: out of range (got 0; "
                                     "expected a number > 0)"});
  EXPECT_EQ(
      problems(with_spend(base + "{ dist = \"discrete\", values = [0, 50], weights = [1, 1] }\n")),
      std::vector<std::string>{
          "t.toml:9:11: error: spend.ceiling: the distribution can leave (0, inf) (got { "
          "dist = \"discrete\", values = [0, 50], weights = [1, 1] }: discrete on [0, 50]; "
          "expected a bounded distribution (uniform, triangular, pert, beta) within (0, "
          "inf), or truncate = [lo, hi])"});
}

TEST(ValueForms, NonNegativeVolatilityAcceptsLognormalAndRefusesNormal) {
  const std::string base = "long_run_growth = 0.1\npersistence = 0.5\nvolatility = ";
  EXPECT_EQ(problems(with_spend(base + "\"0.05 to 0.2\"\n")), std::vector<std::string>{"loaded"});
  EXPECT_EQ(problems(with_spend(base + "\"-0.05 to 0.2\"\n")),
            std::vector<std::string>{
                "t.toml:8:14: error: spend.volatility: the distribution can leave [0, inf) (got "
                "\"-0.05 to 0.2\": normal on (-inf, inf); expected a bounded distribution "
                "(uniform, triangular, pert, beta) within [0, inf), or truncate = [lo, hi])"});
}

TEST(ValueForms, EveryProblemOfOneTableIsReported) {
  EXPECT_EQ(persistence_problems("{ dist = \"pert\", min = 1, mode = 2, max = 0.5, sd = 1 }"),
            (std::vector<std::string>{
                "t.toml:7:57: error: spend.persistence.max: out of range (got 0.5; expected max "
                "> min = 1)",
                "t.toml:7:62: error: spend.persistence.sd: unknown key (expected one of: dist, "
                "min, mode, max, truncate)"}));
}

}  // namespace
}  // namespace spendcast::testing
