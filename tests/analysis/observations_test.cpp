// The observations file: what it accepts and every error with its position.
#include "analysis/observations.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace spendcast::analysis {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_observations(text, "obs.toml");
  } catch (const scenario::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Observations, ParsesEveryField) {
  const auto obs = parse_observations(R"([[observation]]
metric = "share.Anthropic"
year = 2025
value = 0.40
source = "a survey"

[[observation]]
metric = "spend"
year = 2026
value = 37
)",
                                      "obs.toml");
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].metric, "share.Anthropic");
  EXPECT_EQ(obs[0].year, 2025);
  EXPECT_EQ(obs[0].value, 0.40);
  EXPECT_EQ(obs[0].source, "a survey");
  EXPECT_EQ(obs[0].key, "observation[0]");
  EXPECT_EQ(obs[0].metric_where.to_string(), "obs.toml:2:10");
  EXPECT_EQ(obs[0].year_where.to_string(), "obs.toml:3:8");
  EXPECT_EQ(obs[1].value, 37.0);
  EXPECT_EQ(obs[1].source, "");
  EXPECT_EQ(obs[1].where.to_string(), "obs.toml:7:1");
}

TEST(Observations, EveryProblemWithItsPosition) {
  EXPECT_EQ(error_of("[[observation]]\nmetric = \"spend\"\nyear = \"2025\"\nvalue = 1\nvalu = 2\n"),
            "obs.toml:5:1: error: observation[0].valu: unknown key; did you mean 'value'?\n"
            "obs.toml:3:8: error: observation[0].year: wrong type (got \"2025\"; expected a year "
            "such as 2025)");
  EXPECT_EQ(error_of("[[observation]]\nmetric = 3\nyear = 2025\n"),
            "obs.toml:2:10: error: observation[0].metric: wrong type (got 3; expected a metric "
            "name such as \"spend\")\n"
            "obs.toml:1:1: error: observation[0].value: missing required key (expected value = "
            "0.40, in the metric's units)");
  EXPECT_EQ(error_of("[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = nan\n"),
            "obs.toml:4:9: error: observation[0].value: out of range (got nan; expected a finite "
            "number)");
  EXPECT_EQ(error_of("title = \"x\"\n"),
            "obs.toml:1:1: error: title: unknown key (expected one of: observation)\n"
            "obs.toml:1:1: error: observation: missing required key (expected [[observation]] "
            "tables)");
  EXPECT_EQ(error_of("[[observation]\n").rfind("obs.toml:1:", 0), 0u);
}

TEST(Observations, AnSdOrAnIntervalStatesTheUncertainty) {
  // Made-up values, for the test only.
  const auto obs = parse_observations(R"([[observation]]
metric = "spend"
year = 2025
value = 40
sd = 0.1

[[observation]]
metric = "revenue.OpenAI"
year = 2025
value = "30 to 45"

[[observation]]
metric = "share.Anthropic"
year = 2025
value = "0.3 to 0.5"

[[observation]]
metric = "spend"
year = 2026
value = 50
)",
                                      "obs.toml");
  ASSERT_EQ(obs.size(), 4u);
  EXPECT_EQ(obs[0].uncertainty, Observation::Uncertainty::sd);
  EXPECT_EQ(obs[0].sd, 0.1);
  EXPECT_EQ(obs[0].value, 40.0);
  EXPECT_EQ(obs[0].sd_where.to_string(), "obs.toml:5:6");
  // Money on the log scale: the geometric mean, and ln(HI/LO) = 2·1.645·sd.
  EXPECT_EQ(obs[1].uncertainty, Observation::Uncertainty::interval);
  EXPECT_EQ(obs[1].low, 30.0);
  EXPECT_EQ(obs[1].high, 45.0);
  EXPECT_NEAR(obs[1].value, std::sqrt(30.0 * 45.0), 1e-12);
  EXPECT_NEAR(obs[1].sd, std::log(1.5) / (2 * 1.6448536269514722), 1e-15);
  // Shares on the value: the midpoint, and HI - LO = 2·1.645·sd.
  EXPECT_NEAR(obs[2].value, 0.4, 1e-15);
  EXPECT_NEAR(obs[2].sd, 0.2 / (2 * 1.6448536269514722), 1e-15);
  EXPECT_EQ(obs[3].uncertainty, Observation::Uncertainty::none);
  EXPECT_TRUE(on_log_scale("spend"));
  EXPECT_TRUE(on_log_scale("spend.api"));
  EXPECT_TRUE(on_log_scale("revenue.OpenAI"));
  EXPECT_FALSE(on_log_scale("share.OpenAI"));
  EXPECT_FALSE(on_log_scale("hhi"));
}

TEST(Observations, BadUncertaintiesAreErrorsWithTheirPositions) {
  const std::string head = "[[observation]]\nmetric = \"spend\"\nyear = 2025\n";
  EXPECT_EQ(error_of(head + "value = \"30 - 45\"\n"),
            "obs.toml:4:9: error: observation[0].value: wrong type (got \"30 - 45\"; expected a "
            "number, or a 90 % interval such as \"30 to 45\")");
  EXPECT_EQ(error_of(head + "value = \"45 to 30\"\n"),
            "obs.toml:4:9: error: observation[0].value: out of range (got \"45 to 30\"; expected "
            "an interval \"LO to HI\" with 0 < LO < HI (on the log scale))");
  EXPECT_EQ(error_of(head + "value = \"0 to 30\"\n")
                .rfind("obs.toml:4:9: error: observation[0].value: out of range", 0),
            0u);
  EXPECT_EQ(error_of(head + "value = 40\nsd = 0\n"),
            "obs.toml:5:6: error: observation[0].sd: out of range (got 0; expected a standard "
            "deviation > 0 (of ln value for spend and revenue))");
  EXPECT_EQ(error_of(head + "value = \"30 to 45\"\nsd = 0.1\n"),
            "obs.toml:5:6: error: observation[0].sd: not with an interval value (give either sd "
            "= X or value = \"LO to HI\")");
  EXPECT_EQ(error_of(head + "value = 0\nsd = 0.1\n"),
            "obs.toml:4:9: error: observation[0].value: must be > 0 with sd: spend errors are on "
            "the log scale (got 0)");
  EXPECT_EQ(error_of(head + "value = 40\nsd = \"10%\"\n")
                .rfind("obs.toml:5:6: error: observation[0].sd: wrong type (got \"10%\"", 0),
            0u);
  // A share's interval may include 0: its error is normal on the value.
  EXPECT_EQ(error_of("[[observation]]\nmetric = \"share.A\"\nyear = 2025\nvalue = \"0 to 0.1\"\n"),
            "no error");
}

TEST(Observations, AMissingFileIsAnError) {
  try {
    read_observations_file("/nonexistent/obs.toml");
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/obs.toml: error: cannot read the observations (no such file)");
  }
}

}  // namespace
}  // namespace spendcast::analysis
