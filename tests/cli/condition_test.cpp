// `spendcast run --condition`: the conditional forecast in every output, the conditioning
// summary, the few-kept warning, independence of the thread count, and errors. The
// observed values are made up for the tests; they are not data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes one made-up observation of `metric` in `year`.
std::string observation(const std::filesystem::path& dir, const std::string& metric, int year,
                        const std::string& value, const std::string& sd = "") {
  const auto path = dir / "obs.toml";
  std::ofstream(path) << "[[observation]]\nmetric = \"" << metric << "\"\nyear = " << year
                      << "\nvalue = " << value << "\n"
                      << (sd.empty() ? "" : "sd = " + sd + "\n");
  return path.string();
}

double median_of(const nlohmann::json& result, const std::string& metric, int year) {
  return result.at("metrics").at(metric).at(std::to_string(year)).at("percentiles").at("50");
}

TEST(ConditionCommand, WritesTheConditionalForecastEverywhereWithItsSummary) {
  const auto dir = testing::test_folder("condition");
  const auto plain = (dir / "p.json").string(), json = (dir / "c.json").string(),
             csv = (dir / "c.csv").string();
  ASSERT_EQ(
      call({"run", baseline, "--paths", "6000", "--steps-per-year", "1", "-q", "--json", plain})
          .code,
      0);
  std::ifstream pin(plain);
  const auto p = nlohmann::json::parse(pin);
  const double prior_2026 = median_of(p, "spend", 2026);
  // Made up: spend in 2026 30 % above the unconditional median, ±10 % (sd of ln).
  const double observed = 1.3 * prior_2026;
  const auto obs = observation(dir, "spend", 2026, std::to_string(observed), "0.1");
  auto r = call({"run", baseline, "--paths", "6000", "--steps-per-year", "1", "--condition", obs,
                 "--json", json, "--csv", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Conditioned on 1 observation (" + obs + "): "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("parameter: median [5%, 95%]  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spend.long_run_growth"), std::string::npos) << r.out;
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  const auto& c = j["conditioning"];
  const std::uint64_t kept = c["kept"];
  EXPECT_EQ(c["paths"], 6000);
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, 6000u);
  EXPECT_EQ(c["acceptance"].get<double>(), static_cast<double>(kept) / 6000);
  EXPECT_EQ(j["run"]["paths"], kept) << "the forecast is of the kept paths";
  EXPECT_NE(r.out.find(std::to_string(kept) + " of 6000 paths kept"), std::string::npos);
  EXPECT_EQ(c["observations"][0]["scale"], "log");
  EXPECT_EQ(c["observations"][0]["sd"], 0.1);
  // The conditional median moves from the prior towards the observation, not past it.
  const double posterior_2026 = median_of(j, "spend", 2026);
  EXPECT_GT(posterior_2026, prior_2026 * 1.05);
  EXPECT_LT(posterior_2026, observed);
  // Long-run growth's posterior median is above its prior median.
  bool found = false;
  for (const auto& t : c["parameters"])
    if (t["name"] == "spend.long_run_growth") {
      found = true;
      EXPECT_GT(t["posterior"]["median"].get<double>(), t["prior"]["median"].get<double>());
      EXPECT_LT(t["prior"]["p5"].get<double>(), t["prior"]["p95"].get<double>());
    }
  EXPECT_TRUE(found);
  const std::string table = slurp(csv);
  EXPECT_EQ(table.rfind("scenario,variant,metric,year,statistic,value\n", 0), 0u);
  EXPECT_NE(table.find("baseline,,spend,2026,p50,"), std::string::npos) << table.substr(0, 400);
  std::filesystem::remove_all(dir);
}

TEST(ConditionCommand, SameSeedSameResultWhateverTheThreads) {
  const auto dir = testing::test_folder("condition");
  const auto obs = observation(dir, "share.Anthropic", 2026, "\"0.2 to 0.4\"");
  std::string csv[3];
  nlohmann::json cond[3];
  const char* threads[3] = {"1", "2", "3"};
  for (int k = 0; k < 3; ++k) {
    const auto json = dir / ("c" + std::to_string(k) + ".json"),
               c = dir / ("c" + std::to_string(k) + ".csv");
    const auto r =
        call({"run", baseline, "--paths", "3000", "--steps-per-year", "2", "-q", "--threads",
              threads[k], "--condition", obs, "--json", json.string(), "--csv", c.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    csv[k] = slurp(c);
    std::ifstream in(json);
    cond[k] = nlohmann::json::parse(in)["conditioning"];
  }
  EXPECT_EQ(csv[0], csv[1]);
  EXPECT_EQ(csv[0], csv[2]);
  EXPECT_EQ(cond[0], cond[1]);
  EXPECT_EQ(cond[0], cond[2]);
  EXPECT_GT(cond[0]["kept"].get<int>(), 0);
  std::filesystem::remove_all(dir);
}

TEST(ConditionCommand, AnUninformativeObservationKeepsEveryPathBitwise) {
  const auto dir = testing::test_folder("condition");
  // sd = 1e6 on growth: every likelihood ratio is within 1e-12 of 1, so every path is kept
  // and the conditional forecast is the plain run's, bitwise (the same paths).
  const auto obs = observation(dir, "growth", 2025, "1", "1e6");
  const auto plain = dir / "p.csv", kept = dir / "k.csv";
  ASSERT_EQ(
      call({"run", baseline, "--paths", "3000", "--threads", "2", "-q", "--csv", plain.string()})
          .code,
      0);
  const auto r = call({"run", baseline, "--paths", "3000", "--threads", "2", "--condition", obs,
                       "--csv", kept.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("3000 of 3000 paths kept (acceptance 100 %)"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(plain), slurp(kept));
  std::filesystem::remove_all(dir);
}

TEST(ConditionCommand, WarnsWhenFewPathsAreKept) {
  const auto dir = testing::test_folder("condition");
  // Made up and stated precisely: few of 2000 paths come within 1 % of it.
  const auto obs = observation(dir, "spend", 2027, "60", "0.01");
  auto r = call({"run", baseline, "--paths", "2000", "--steps-per-year", "1", "--condition", obs});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("warning: only "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(fewer than 1000): the conditional forecast and the posteriors are "
                       "noisy; raise --paths"),
            std::string::npos)
      << r.out;
  r = call({"run", baseline, "--paths", "2000", "--steps-per-year", "1", "-q", "--condition", obs});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("warning: only ", 0), 0u) << "quiet still warns, on stderr";
  std::filesystem::remove_all(dir);
}

TEST(ConditionCommand, ErrorsExitTwoWithPositionsAndWriteNothing) {
  const auto dir = testing::test_folder("condition");
  const auto json = (dir / "c.json").string();
  auto obs = observation(dir, "spend", 2026, "60");
  auto r = call({"run", baseline, "--paths", "500", "--condition", obs, "--json", json});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, obs +
                       ":4:9: error: observation[0]: no uncertainty: conditioning needs the "
                       "value's error, sd = X (of ln value: 0.1 is about 10 %) or a 90 % "
                       "interval value = \"LO to HI\"\n");
  obs = observation(dir, "spend", 2040, "60", "0.1");
  r = call({"run", baseline, "--paths", "500", "--condition", obs, "--json", json});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(obs + ":3:8: error: observation[0].year: outside the run (got 2040"),
            std::string::npos)
      << r.err;
  r = call({"run", baseline, "--paths", "500", "--condition", (dir / "none.toml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, (dir / "none.toml").string() +
                       ": error: cannot read the observations (no such file)\n");
  obs = observation(dir, "spend", 2026, "60", "0.1");
  r = call({"run", baseline, "--paths", "500", "--condition", obs, "--json", obs});
  EXPECT_EQ(r.code, 2) << "the observations are an input, not an output";
  // Nothing kept: exit 1, nothing written.
  obs = observation(dir, "spend", 2026, "100000", "0.001");
  r = call({"run", baseline, "--paths", "500", "--steps-per-year", "1", "--condition", obs,
            "--json", json});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("none of the 500 paths was kept"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(json));
  std::filesystem::remove_all(dir);
}

TEST(ConditionCommand, TargetSeCountsKeptPaths) {
  const auto dir = testing::test_folder("condition");
  const auto obs = observation(dir, "spend", 2026, "60", "0.1");
  const double target = 0.03;
  std::vector<nlohmann::json> results;
  for (const char* threads : {"1", "2"}) {
    const auto json = (dir / (std::string("t") + threads + ".json")).string();
    const auto r = call({"run", baseline, "--paths", "300", "--steps-per-year", "1", "--threads",
                         threads, "--condition", obs, "--target-se", "0.03", "-q", "--json", json});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("--target-se 0.03: reached after"), std::string::npos) << r.err;
    results.push_back(nlohmann::json::parse(slurp(json)));
  }
  const nlohmann::json& j = results[0];
  // More than the first round's 300 paths were simulated, and every median of the
  // conditional forecast (kept paths only) has the relative standard error asked for.
  EXPECT_GT(j["conditioning"]["paths"].get<std::uint64_t>(), 300u);
  EXPECT_EQ(j["run"]["paths"], j["conditioning"]["kept"]);
  for (const auto& [metric, years] : j["metrics"].items()) {
    if (metric.rfind("event.", 0) == 0) continue;
    for (const auto& [year, cell] : years.items()) {
      const double median = cell["quantiles"]["0.5"].get<double>();
      if (median == 0.0) continue;
      const double se = cell["quantile_se"]["0.5"].get<double>();
      EXPECT_LE(se / std::fabs(median), target) << metric << " " << year;
    }
  }
  // Rounds are a function of the seed and the paths, not of the threads.
  EXPECT_EQ(results[0]["state"], results[1]["state"]);
  EXPECT_EQ(results[0]["conditioning"], results[1]["conditioning"]);
  // A path limit below what the target needs: exit 1, as a plain run.
  const auto r = call({"run", baseline, "--paths", "300", "--steps-per-year", "1", "--condition",
                       obs, "--target-se", "0.0001", "--max-paths", "700", "-q"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("NOT reached (path limit)"), std::string::npos) << r.err;
}

TEST(ConditionCommand, CompareConditionalWithUnconditionalOnTheSamePaths) {
  const auto dir = testing::test_folder("condition");
  const auto obs = observation(dir, "spend", 2025, "\"52 to 62\"");
  const auto json = (dir / "cmp.json").string(), plain = (dir / "p.json").string(),
             kept = (dir / "k.json").string();
  const std::vector<std::string> common{"--paths", "4000",      "--steps-per-year",
                                        "1",       "--threads", "2"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), common.begin(), common.end());
    return call(args);
  };
  auto r = with({"compare", baseline, "--condition", obs, "--metric", "spend", "--json", json});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("baseline+condition vs baseline"), std::string::npos) << r.out;
  // The same numbers as the two runs' result files: same seed, same paths.
  ASSERT_EQ(with({"run", baseline, "-q", "--json", plain}).code, 0);
  ASSERT_EQ(with({"run", baseline, "-q", "--condition", obs, "--json", kept}).code, 0);
  std::ifstream cin(json), pin(plain), kin(kept);
  const auto c = nlohmann::json::parse(cin), p = nlohmann::json::parse(pin),
             k = nlohmann::json::parse(kin);
  const std::string note = c["notes"][0];
  EXPECT_NE(note.find(std::to_string(k["conditioning"]["kept"].get<int>()) + " of 4000 paths kept"),
            std::string::npos)
      << note;
  const auto& cell = c["comparisons"][0]["metrics"]["spend"]["2030"];
  EXPECT_EQ(cell["a"]["median"], p["metrics"]["spend"]["2030"]["percentiles"]["50"]);
  EXPECT_EQ(cell["b"]["median"], k["metrics"]["spend"]["2030"]["percentiles"]["50"]);
  EXPECT_GT(cell["b"]["median"].get<double>(), cell["a"]["median"].get<double>());
  r = with({"compare", baseline, baseline, "--condition", obs});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err.rfind("spendcast compare --condition: expected one scenario file (got 2 inputs)", 0),
      0u)
      << r.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace spendcast::cli
