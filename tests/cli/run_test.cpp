// `spendcast run` through the dispatcher: exit codes, messages, outputs.
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

std::filesystem::path scratch() {
  return testing::test_folder("run_test");
}

TEST(RunCommand, PrintsTheSummaryAndWritesJsonAndCsv) {
  const auto dir = scratch();
  const auto json = (dir / "r.json").string(), csv = (dir / "r.csv").string();
  auto r =
      call({"run", baseline, "--paths", "2_000", "--threads", "2", "--json", json, "--csv", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Spend, $B: median [5%, 95%]"), std::string::npos);
  EXPECT_NE(r.out.find("2000 paths · seed 20241120"), std::string::npos);
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["format"], "spendcast-result/2");
  EXPECT_EQ(j["run"]["paths"], 2000);
  EXPECT_EQ(j["scenario"]["name"], "baseline");
  std::ifstream c(csv);
  std::string header;
  std::getline(c, header);
  EXPECT_EQ(header, "scenario,variant,metric,year,statistic,value");
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, RunsThatDifferBySetAreToldApartInEveryOutput) {
  const auto dir = scratch();
  const auto json = (dir / "v.json").string(), csv = (dir / "v.csv").string();
  auto r = call({"run", baseline, "--paths", "500", "--steps-per-year", "1", "--set",
                 "spend.volatility=0.3", "--json", json, "--csv", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  --set spend.volatility=0.3\n"), std::string::npos) << r.out;
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["scenario"]["overrides"], nlohmann::json::array({"spend.volatility=0.3"}));
  std::ifstream c(csv);
  std::string line;
  std::getline(c, line);
  std::getline(c, line);
  EXPECT_EQ(line.rfind("baseline,spend.volatility=0.3,", 0), 0u) << line;
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, OverridesApplyAndQuietPrintsNothing) {
  const auto dir = scratch();
  const auto json = (dir / "q.json").string();
  auto r = call({"run", baseline, "--paths", "1e3", "--seed", "7", "--steps-per-year", "1", "--set",
                 "spend.volatility=0.3", "--quiet", "--json", json});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["run"]["paths"], 1000);
  EXPECT_EQ(j["run"]["seed"], 7);
  EXPECT_EQ(j["run"]["steps_per_year"], 1);
  EXPECT_EQ(j["scenario"]["spend"]["volatility"], 0.3);
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, SameSeedSameNumbersWhateverTheThreads) {
  const auto dir = scratch();
  const auto a = (dir / "a.json").string(), b = (dir / "b.json").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "3000", "--threads", "1", "-q", "--json", a}).code,
            0);
  ASSERT_EQ(call({"run", baseline, "--paths", "3000", "--threads", "2", "-q", "--json", b}).code,
            0);
  std::ifstream ia(a), ib(b);
  auto ja = nlohmann::json::parse(ia), jb = nlohmann::json::parse(ib);
  EXPECT_EQ(ja["metrics"], jb["metrics"]);
  EXPECT_EQ(ja["probabilities"], jb["probabilities"]);
  EXPECT_EQ(ja["state"], jb["state"]);
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, TargetSeAddsPathsUntilMediansArePrecise) {
  auto r = call({"run", baseline, "--paths", "1000", "--steps-per-year", "1", "--target-se", "0.01",
                 "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("--target-se 0.01: reached after"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("after 1000 paths"), std::string::npos) << r.err;  // needed more
}

TEST(RunCommand, ScenarioErrorsExitTwoWithPositions) {
  auto r = call({"run", "/nonexistent/x.toml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/x.toml"), std::string::npos) << r.err;
  r = call({"run", baseline, "--set", "spend.volatility=-1", "--paths", "10"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("spend.volatility"), std::string::npos) << r.err;
}

TEST(RunCommand, UsageErrorsExitTwo) {
  auto r = call({"run", baseline, "--paths", "many"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast run: --paths many: expected a whole number; see 'spendcast run --help'\n");
  r = call({"run", baseline, "--threads", "0"});
  EXPECT_EQ(r.code, 2);
  r = call({"run", baseline, "--target-se", "2"});
  EXPECT_EQ(r.code, 2);
  r = call({"run"});
  EXPECT_EQ(r.code, 2);
}

TEST(RunCommand, ThreadsAreCappedWithANote) {
  auto r = call({"run", baseline, "--paths", "200", "--threads", "100000", "-q"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("note: --threads 100000: using"), std::string::npos) << r.err;
}

TEST(RunCommand, PathAndMemoryLimitsAreOptionsCheckedBeforeRunning) {
  auto help = call({"run", "--help"});
  EXPECT_NE(help.out.find("--max-paths"), std::string::npos);
  EXPECT_NE(help.out.find("default: 1e9"), std::string::npos);
  EXPECT_NE(help.out.find("--max-memory"), std::string::npos);
  auto r = call({"run", baseline, "--paths", "2000", "--max-paths", "1000", "-q"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("2000 paths is more than --max-paths 1000"), std::string::npos) << r.err;
  // Grows toward 10^9 paths of exact values: refused at once, with the estimate.
  r = call({"run", baseline, "--exact", "--target-se", "0.0005", "-q"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--exact with 1000000000 paths (--target-se may grow"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("GiB"), std::string::npos) << r.err;
  r = call({"run", baseline, "--exact", "--paths", "1e6", "--max-memory", "100M", "-q"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("more than --max-memory"), std::string::npos) << r.err;
  r = call({"run", baseline, "--exact", "--paths", "500", "--max-memory", "100M", "-q"});
  EXPECT_EQ(r.code, 0) << r.err;
  r = call({"run", baseline, "--max-memory", "lots", "-q"});
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace spendcast::cli
