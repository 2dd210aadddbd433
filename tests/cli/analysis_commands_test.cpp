// compare, sensitivity and score through the dispatcher: bundled scenarios and result
// files from `spendcast run --json`, JSON and CSV read back, errors with exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "call.hpp"
#include "version.hpp"

namespace spendcast::cli {
namespace {

using testing::call;

std::string scenario(const std::string& name) {
  return std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/" + name + ".toml";
}

/// A fresh scratch folder for one test.
std::filesystem::path scratch(const std::string& test) {
  auto dir = std::filesystem::temp_directory_path() / ("spendcast_analysis_" + test);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

/// A tidy CSV read back: (every column but the last, joined by ',') -> value.
std::map<std::string, double> read_csv(const std::filesystem::path& path, std::string& header) {
  std::ifstream in(path);
  std::getline(in, header);
  std::map<std::string, double> rows;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t comma = line.rfind(',');
    rows[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
  }
  return rows;
}

/// `spendcast run SCENARIO --json FILE` with few paths.
void run_to_json(const std::string& scenario_path, const std::filesystem::path& json,
                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"run", scenario_path, "--paths", "1500",       "--threads",
                                "2",   "-q",          "--json",  json.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = call(args);
  ASSERT_EQ(r.code, 0) << r.err;
}

TEST(CompareCommand, PairsBundledScenariosAndWritesJsonAndCsv) {
  const auto dir = scratch("compare");
  const auto json = dir / "c.json", csv = dir / "c.csv";
  const auto r = call({"compare", scenario("baseline"), scenario("agents-boom"), "--paths", "1500",
                       "--threads", "2", "--json", json.string(), "--csv", csv.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("agents-boom vs baseline (paired)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1500 paths × 2 scenarios, seed 20241120"), std::string::npos) << r.out;
  const auto j = read_json(json);
  EXPECT_EQ(j["format"], "spendcast-comparison/1");
  // What charts of it need for their source line: the program and the data.
  EXPECT_EQ(j["run"]["engine_version"].get<std::string>().rfind(spendcast::version, 0), 0u);
  EXPECT_NE(j["inputs"][0]["data_source"].get<std::string>().find("Menlo"), std::string::npos);
  EXPECT_EQ(j["paired"], true);
  const auto& spend = j["comparisons"][0]["metrics"]["spend"]["2030"];
  EXPECT_GT(spend["p_greater"]["p"].get<double>(), 0.9);  // agents grow spend faster
  EXPECT_GT(spend["difference"]["median"].get<double>(), 0);
  EXPECT_EQ(j["comparisons"][0]["metrics"].size(), 7u);  // spend and six vendor shares
  std::string header;
  const auto rows = read_csv(csv, header);
  EXPECT_EQ(header, "comparison,metric,year,statistic,value");
  EXPECT_EQ(rows.at("agents-boom vs baseline,spend,2030,p_greater"),
            spend["p_greater"]["p"].get<double>());
  EXPECT_EQ(rows.at("agents-boom vs baseline,share.Anthropic,2027,ks"),
            j["comparisons"][0]["metrics"]["share.Anthropic"]["2027"]["ks"].get<double>());
  std::filesystem::remove_all(dir);
}

TEST(CompareCommand, TiesAndCertainComparisonsAreShownAndExplained) {
  // A scenario against itself (under another name): every path ties.
  const auto dir = scratch("compare_ties");
  const auto twin = dir / "twin.toml";
  std::ofstream(twin) << "[scenario]\nextends = \"" << scenario("baseline") << "\"\n";
  auto r = call({"compare", scenario("baseline"), twin.string(), "--paths", "400", "--metric",
                 "spend", "--year", "2026", "--threads", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("P(B = A)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("100 ± 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("B equals A on every one of the 400 paired paths"), std::string::npos)
      << r.out;
  // A monotone shift: agents-boom is above the baseline on every path by 2030.
  r = call({"compare", scenario("baseline"), scenario("agents-boom"), "--paths", "400", "--metric",
            "spend", "--year", "2030", "--threads", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("P(B = A)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("B is above A on every one of the 400 paired paths"), std::string::npos)
      << r.out;
  std::filesystem::remove_all(dir);
}

TEST(CompareCommand, EachAgainstTheFirstOverWhatTheyShare) {
  const auto r = call({"compare", scenario("baseline"), scenario("leaders-reshuffle"),
                       scenario("bubble-burst"), "--paths", "500", "--metric", "hhi", "--metric",
                       "share.Challenger", "--year", "2027", "--threads", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("leaders-reshuffle vs baseline (paired)"), std::string::npos);
  EXPECT_NE(r.out.find("bubble-burst vs baseline (paired)"), std::string::npos);
  EXPECT_NE(r.out.find("left out: share.Challenger (not in baseline)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n2027  "), std::string::npos);
  EXPECT_EQ(r.out.find("\n2028  "), std::string::npos);
}

TEST(CompareCommand, ComparesResultFilesUnpaired) {
  const auto dir = scratch("compare_results");
  const auto a = dir / "baseline.json", b = dir / "long.json", json = dir / "c.json";
  run_to_json(scenario("baseline"), a);
  run_to_json(scenario("agents-boom"), b, {"--set", "simulation.horizon=2032"});
  const auto r = call({"compare", a.string(), b.string(), "--json", json.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("agents-boom vs baseline (unpaired)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("left out: 2031–2032 (not in baseline)"), std::string::npos) << r.out;
  const auto j = read_json(json);
  EXPECT_EQ(j["paired"], false);
  EXPECT_NE(j["notes"][0].get<std::string>().find("Paired statistics need the scenario files"),
            std::string::npos);
  const auto& spend = j["comparisons"][0]["metrics"]["spend"]["2030"];
  EXPECT_FALSE(spend.contains("p_greater"));
  EXPECT_GT(spend["p_greater_unpaired"]["p"].get<double>(), 0.5);
  EXPECT_FALSE(j["comparisons"][0]["metrics"]["spend"].contains("2031"));
  std::filesystem::remove_all(dir);
}

TEST(CompareCommand, ErrorsExitTwoWithExactMessages) {
  auto r = call({"compare", "/nonexistent/a.toml", scenario("baseline")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "/nonexistent/a.toml: error: cannot read the scenario (no such file)\n");
  r = call({"compare", "/nonexistent/a.json", "/nonexistent/b.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "/nonexistent/a.json: error: cannot read the result file (no such file)\n");
  r = call({"compare", scenario("baseline"), scenario("agents-boom"), "--paths", "10", "--metric",
            "share.Antropic"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "--metric share.Antropic: error: unknown metric (got \"share.Antropic\"); did you "
            "mean 'share.Anthropic'?\n");
  r = call({"compare", scenario("baseline")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast compare: expected at least two scenario files or two result files (got " +
                scenario("baseline") + "); see 'spendcast compare --help'\n");
  r = call({"compare", scenario("baseline"), "x.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cannot mix scenario files and result files"), std::string::npos);
  r = call({"compare", "a.json", "b.json", "--paths", "10"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast compare: --paths changes a run, and result files have been run already "
            "(give scenario files to run them); see 'spendcast compare --help'\n");
}

TEST(SensitivityCommand, RanksTheDriversOfABundledScenario) {
  const auto dir = scratch("sensitivity");
  const auto json = dir / "s.json", csv = dir / "s.csv";
  const auto r = call({"sensitivity", scenario("baseline"), "--metric", "spend", "--paths", "600",
                       "--threads", "2", "--json", json.string(), "--csv", csv.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("What drives spend ($B) in 2030 (baseline): median ", 0), 0u) << r.out;
  const auto j = read_json(json);
  EXPECT_EQ(j["format"], "spendcast-sensitivity/1");
  EXPECT_EQ(j["run"]["engine_version"].get<std::string>().rfind(spendcast::version, 0), 0u);
  EXPECT_NE(j["data_source"].get<std::string>().find("Menlo"), std::string::npos);
  EXPECT_EQ(j["year"], 2030);
  EXPECT_EQ(j["run"]["paths"], 600);
  // Seven uncertain parameters, the correction event, when it first fired and its jump.
  EXPECT_EQ(j["factors"].size(), 10u);
  // Vendor parameters cannot move total spend: pinned, they change nothing.
  for (const auto& f : j["factors"])
    if (f["name"].get<std::string>().starts_with("vendors.")) {
      EXPECT_EQ(f["swing"], 0.0) << f["name"];
    }
  std::string header;
  const auto rows = read_csv(csv, header);
  EXPECT_EQ(header, "scenario,metric,year,factor,statistic,value");
  const std::string first = j["factors"][0]["name"];
  EXPECT_EQ(rows.at("baseline,spend,2030," + first + ",swing"),
            j["factors"][0]["swing"].get<double>());
  std::filesystem::remove_all(dir);
}

TEST(SensitivityCommand, NamesBadMetricsAndYearsAndTakesPathsFromSet) {
  auto r = call({"sensitivity", scenario("baseline"), "--metric", "spnd"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "--metric spnd: error: unknown metric (got \"spnd\"); did you mean 'spend'?\n");
  r = call({"sensitivity", scenario("baseline"), "--metric", "spend", "--year", "2024"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "--year 2024: error: outside the run (got 2024; expected a year from 2025 to 2030)\n");
  // --set simulation.paths counts as saying otherwise, like --paths.
  r = call({"sensitivity", scenario("baseline"), "--metric", "hhi", "--year", "2025",
            "--steps-per-year", "1", "--threads", "2", "--set", "simulation.paths=700"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nmethod: rank-based, 700 paths, seed 20241120"), std::string::npos)
      << r.out;
  r = call({"sensitivity", scenario("baseline"), "--metric", "spend", "--method", "sobl"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast sensitivity: --method sobl: expected rank or sobol (docs/ANALYSIS.md)\n");
}

TEST(SensitivityCommand, SobolIndicesOfABundledScenario) {
  const auto dir = scratch("sobol");
  const auto json = dir / "s.json", csv = dir / "s.csv";
  const auto r =
      call({"sensitivity", scenario("baseline"), "--metric", "spend", "--method", "sobol",
            "--paths", "300", "--threads", "2", "--json", json.string(), "--csv", csv.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("What drives spend ($B) in 2030 (baseline): mean ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\nmethod: Sobol, pick-freeze"), std::string::npos) << r.out;
  const auto j = read_json(json);
  EXPECT_EQ(j["format"], "spendcast-sensitivity/1");
  EXPECT_EQ(j["method"], "sobol");
  EXPECT_EQ(j["run"]["paths"], 300);
  EXPECT_EQ(j["run"]["runs"], j["factors"].size() + 2);
  bool noise = false;
  for (const auto& f : j["factors"]) {
    noise = noise || f["kind"] == "noise";
    // Vendor parameters cannot move total spend: swapped, they change nothing.
    if (f["name"].get<std::string>().starts_with("vendors.")) {
      EXPECT_EQ(f["total_effect"]["value"], 0.0) << f["name"];
    }
  }
  EXPECT_TRUE(noise);
  std::string header;
  const auto rows = read_csv(csv, header);
  const std::string first = j["factors"][0]["name"];
  EXPECT_EQ(rows.at("baseline,spend,2030," + first + ",total_effect"),
            j["factors"][0]["total_effect"]["value"].get<double>());
  std::filesystem::remove_all(dir);
}

TEST(ScoreCommand, ScoresAResultFileAgainstObservations) {
  const auto dir = scratch("score");
  const auto result = dir / "baseline.json", obs = dir / "obs.toml", json = dir / "s.json",
             csv = dir / "s.csv";
  run_to_json(scenario("baseline"), result);
  std::ofstream(obs) << "[[observation]]\nmetric = \"share.Anthropic\"\nyear = 2025\n"
                        "value = 0.40\nsource = \"a survey\"\n\n"
                        "[[observation]]\nmetric = \"spend\"\nyear = 2026\nvalue = 60\n";
  const auto r = call(
      {"score", result.string(), obs.string(), "--json", json.string(), "--csv", csv.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("[1] a survey"), std::string::npos) << r.out;
  const auto j = read_json(json);
  EXPECT_EQ(j["format"], "spendcast-score/2");
  ASSERT_EQ(j["observations"].size(), 2u);
  EXPECT_EQ(j["observations"][0]["where"], obs.string() + ":1:1");
  const double pit = j["observations"][1]["pit"];
  EXPECT_GT(pit, 0.0);
  EXPECT_LT(pit, 1.0);
  EXPECT_EQ(j["summary"]["count"], 2);
  std::string header;
  const auto rows = read_csv(csv, header);
  EXPECT_EQ(header, "observation,metric,year,statistic,value");
  EXPECT_EQ(rows.at("2,spend,2026,pit"), pit);
  EXPECT_EQ(rows.at("summary,,,coverage_90"), j["summary"]["coverage_90"].get<double>());
  EXPECT_EQ(rows.at("summary,spend,,mean_crps"), j["by_metric"][1]["mean_crps"].get<double>());
  EXPECT_EQ(rows.count("summary,,,mean_crps"), 0u) << "no CRPS averaged across units";
  std::filesystem::remove_all(dir);
}

TEST(ScoreCommand, ControlCharactersInUserTextAreEscaped) {
  const auto dir = scratch("score_escapes");
  const auto result = dir / "baseline.json", obs = dir / "obs.toml";
  run_to_json(scenario("baseline"), result);
  std::ofstream(obs) << "[[observation]]\nmetric = \"spend\"\nyear = 2026\nvalue = 60\n"
                        "source = \"red \\u001b[31m text\"\n";
  const auto r = call({"score", result.string(), obs.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("red \\u001B[31m text"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

TEST(ScoreCommand, ErrorsNameTheObservationsPosition) {
  const auto dir = scratch("score_errors");
  const auto result = dir / "r.json", obs = dir / "obs.toml";
  run_to_json(scenario("baseline"), result, {"--steps-per-year", "1"});
  std::ofstream(obs) << "[[observation]]\nmetric = \"share.Antropic\"\nyear = 2035\nvalue = 1\n";
  auto r = call({"score", result.string(), obs.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, obs.string() +
                       ":2:10: error: observation[0].metric: unknown metric (got "
                       "\"share.Antropic\"); did you mean 'share.Anthropic'?\n" +
                       obs.string() +
                       ":3:8: error: observation[0].year: outside the run (got 2035; expected a "
                       "year from 2025 to 2030)\n");
  r = call({"score", result.string(), (dir / "none.toml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, (dir / "none.toml").string() +
                       ": error: cannot read the observations (no such file)\n");
  r = call({"score", (dir / "none.json").string(), obs.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            (dir / "none.json").string() + ": error: cannot read the result file (no such file)\n");
  r = call({"score", result.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("spendcast score: expected RESULT.json"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

TEST(ScoreCommand, RefusesObservationsWithAnUncertainty) {
  const auto dir = scratch("score_uncertain");
  const auto result = dir / "r.json", obs = dir / "obs.toml";
  run_to_json(scenario("baseline"), result, {"--steps-per-year", "1"});
  std::ofstream(obs) << "[[observation]]\nmetric = \"spend\"\nyear = 2026\nvalue = 60\n"
                        "sd = 0.1\n\n[[observation]]\nmetric = \"spend\"\nyear = 2027\n"
                        "value = \"60 to 80\"\n";
  const auto r = call({"score", result.string(), obs.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, obs.string() +
                       ":5:6: error: observation[0].sd: score compares the forecast with a point "
                       "value (sd is for spendcast run --condition); remove sd to score this "
                       "observation\n" +
                       obs.string() +
                       ":10:9: error: observation[1].value: score compares the forecast with a "
                       "point value (intervals are for spendcast run --condition); give one "
                       "number to score this observation\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace spendcast::cli
