// The observations file: what it accepts and every error with its position.
#include "analysis/observations.hpp"

#include <gtest/gtest.h>

namespace spendcast::analysis {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_observations(text, "obs.toml");
  } catch (const ScenarioError& e) {
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

TEST(Observations, AMissingFileIsAnError) {
  try {
    read_observations_file("/nonexistent/obs.toml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/obs.toml: error: cannot read the observations (no such file)");
  }
}

}  // namespace
}  // namespace spendcast::analysis
