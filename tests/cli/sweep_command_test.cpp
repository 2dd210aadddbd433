// spendcast sweep through the dispatcher: a variant is `spendcast run --set KEY=V` with the
// same seed and paths (statistics bitwise, read back from both JSON files), grid and zip
// rows, thread independence, and every refused input with its message and exit 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;
using testing::test_folder;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> sweep_args(std::vector<std::string> extra) {
  std::vector<std::string> args{"sweep", baseline,           "--paths", "1200", "--seed",
                                "17",    "--steps-per-year", "1",       "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(SweepCommand, AVariantIsThePlainRunWithSet) {
  const auto dir = test_folder("sweep");
  const std::string uniform = "{ dist = \"uniform\", min = 0.1, max = 0.3 }";
  const auto r = call(sweep_args({"--vary", "spend.volatility=0.05," + uniform, "--metric", "spend",
                                  "--metric", "share.OpenAI", "--year", "2027", "--year", "2030",
                                  "--json", (dir / "s.json").string()}));
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json sweep = read_json(dir / "s.json");
  ASSERT_EQ(sweep["variants"].size(), 2u);
  EXPECT_EQ(sweep["variants"][1]["values"]["spend.volatility"], uniform);
  EXPECT_TRUE(sweep["run"].contains("engine_version"));
  for (std::size_t v = 0; v < 2; ++v) {
    const std::string value = v == 0 ? "0.05" : uniform;
    const auto run =
        call({"run", baseline, "--paths", "1200", "--seed", "17", "--steps-per-year", "1", "-q",
              "--set", "spend.volatility=" + value, "--json", (dir / "r.json").string()});
    ASSERT_EQ(run.code, 0) << run.err;
    const nlohmann::json result = read_json(dir / "r.json");
    int cells = 0;
    for (const auto& [metric, years] : sweep["variants"][v]["metrics"].items())
      for (const auto& [year, cell] : years.items()) {
        const nlohmann::json& plain = result["metrics"][metric][year];
        EXPECT_EQ(cell["mean"], plain["mean"]) << metric << year;
        EXPECT_EQ(cell["quantiles"], plain["quantiles"]) << metric << year;
        if (metric == "share.OpenAI") {
          EXPECT_EQ(cell["probabilities"]["leads"],
                    result["probabilities"]["leader"][year]["OpenAI"]);
        }
        ++cells;
      }
    EXPECT_EQ(cells, 4);
  }
  // Variant 1 against itself: nothing, on every path.
  for (const auto& [metric, years] : sweep["variants"][0]["metrics"].items())
    for (const auto& [year, cell] : years.items()) {
      EXPECT_EQ(cell["difference"]["p5"], 0.0) << metric;
      EXPECT_EQ(cell["difference"]["p95"], 0.0) << metric;
      EXPECT_EQ(cell["p_equal"]["p"], 1.0) << metric;
    }
}

TEST(SweepCommand, GridAndZipRowsInOrder) {
  const auto dir = test_folder("sweep");
  const std::vector<std::string> vary{"--vary", "spend.volatility=0.1,0.2,0.3", "--vary",
                                      "vendors.persistence=0.3,0.4,0.5"};
  auto grid = vary;
  grid.insert(grid.end(), {"--csv", (dir / "grid.csv").string()});
  auto zip = vary;
  zip.insert(zip.end(), {"--zip", "--json", (dir / "zip.json").string()});
  ASSERT_EQ(call(sweep_args(grid)).code, 0);
  const auto z = call(sweep_args(zip));
  ASSERT_EQ(z.code, 0) << z.err;
  // Grid: 9 variants, the first --vary slowest; default metrics at the last year.
  std::istringstream csv(read_text(dir / "grid.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "variant,spend.volatility,vendors.persistence,metric,year,statistic,value");
  std::vector<std::string> medians;
  while (std::getline(csv, line))
    if (line.find(",spend,2030,median,") != std::string::npos)
      medians.push_back(line.substr(0, line.find(",spend,")));
  EXPECT_EQ(medians, (std::vector<std::string>{"1,0.1,0.3", "2,0.1,0.4", "3,0.1,0.5", "4,0.2,0.3",
                                               "5,0.2,0.4", "6,0.2,0.5", "7,0.3,0.3", "8,0.3,0.4",
                                               "9,0.3,0.5"}));
  // Zip: 3 variants, the k-th values together.
  const nlohmann::json j = read_json(dir / "zip.json");
  ASSERT_EQ(j["variants"].size(), 3u);
  EXPECT_EQ(j["layout"], "zip");
  for (std::size_t v = 0; v < 3; ++v) {
    EXPECT_DOUBLE_EQ(j["variants"][v]["values"]["spend.volatility"].get<double>(),
                     0.1 * static_cast<double>(v + 1));
    EXPECT_DOUBLE_EQ(j["variants"][v]["values"]["vendors.persistence"].get<double>(),
                     0.3 + 0.1 * static_cast<double>(v));
    EXPECT_TRUE(j["variants"][v]["metrics"].contains("spend"));
    EXPECT_TRUE(j["variants"][v]["metrics"].contains("share.OpenAI"));  // base-year leader
  }
}

TEST(SweepCommand, ThreadsDoNotChangeResults) {
  const auto dir = test_folder("sweep");
  for (const char* threads : {"1", "3"}) {
    const auto r = call(sweep_args({"--vary", "spend.volatility=0.1,0.2,0.3", "--threads", threads,
                                    "--json", (dir / (std::string(threads) + ".json")).string()}));
    ASSERT_EQ(r.code, 0) << r.err;
  }
  auto a = read_json(dir / "1.json"), b = read_json(dir / "3.json");
  EXPECT_EQ(a["run"]["threads"], 1);
  EXPECT_EQ(b["run"]["threads"], 3);
  a.erase("run");
  b.erase("run");
  EXPECT_EQ(a, b);
}

TEST(SweepCommand, TableHasOneRowPerVariant) {
  auto args = sweep_args({"--vary", "spend.volatility=0.1,0.2"});
  args.erase(std::find(args.begin(), args.end(), "-q"));
  const auto r = call(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("sweep of baseline (grid, 2 variants)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n1  0.1 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n2  0.2 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(Δ > 0)"), std::string::npos) << r.out;
}

/// Exit 2 and `message` on stderr, nothing written.
void expect_refused(const std::vector<std::string>& extra, const std::string& message) {
  const auto dir = test_folder("sweep_refused");
  auto args = sweep_args(extra);
  args.insert(args.end(), {"--json", (dir / "out.json").string()});
  const auto r = call(args);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
}

TEST(SweepCommand, RefusesBadInputNamingTheVary) {
  expect_refused({"--vary", "spend.volatilty=0.1,0.2"},
                 "--vary spend.volatilty=0.1,0.2 (--vary 1): error: value 1 of 2 (0.1): "
                 "spend.volatilty: unknown key; did you mean 'volatility'?");
  expect_refused({"--vary", "spend.ceiling=500,600", "--vary", "spend.volatility=0.1,-1"},
                 "--vary spend.volatility=0.1,-1 (--vary 2): error: value 2 of 2 (-1): "
                 "spend.volatility: out of range (got -1; expected a number >= 0)");
  expect_refused({"--vary", "spend.volatility=normal(0.3, 0.1),0.2"},
                 "--vary spend.volatility=normal(0.3, 0.1),0.2 (--vary 1): error: value 1 of 2 "
                 "(normal(0.3, 0.1)): spend.volatility: not a TOML value");
  expect_refused({"--vary", "spend.volatility="},
                 "--vary spend.volatility= (--vary 1): error: spend.volatility: no values");
  expect_refused({"--vary", "spend.volatility=0.1,0.2", "--vary", "spend.ceiling=500", "--zip"},
                 "--vary spend.ceiling=500 (--vary 2): error: --zip pairs the k-th values of "
                 "every --vary, so the lists need equal lengths (got 1 values of spend.ceiling, "
                 "2 of spend.volatility in --vary 1)");
  expect_refused({"--vary", "simulation.paths=100,200"}, "simulation.paths: cannot be varied");
  expect_refused({}, "spendcast sweep: expected at least one --vary KEY=V1,V2,...");
  expect_refused({"--vary", "spend.volatility=0.1", "--grid", "--zip"},
                 "spendcast sweep: --grid and --zip: expected one of them");
  expect_refused({"--vary", "spend.volatility=0.1", "--metric", "share.OpenAl"},
                 "did you mean 'share.OpenAI'?");
}

TEST(SweepCommand, ALargeGridAsksForYes) {
  std::string hundred = "spend.volatility=0.001";
  for (int k = 2; k <= 101; ++k) hundred += "," + std::to_string(0.001 * k);
  std::string hundred_more = "spend.ceiling=100";
  for (int k = 2; k <= 100; ++k) hundred_more += "," + std::to_string(100 + k);
  // 101 × 100 = 10 100 variants: refused at once, before anything loads or runs.
  expect_refused({"--vary", hundred, "--vary", hundred_more},
                 "spendcast sweep: 10100 variants, more than 10000: each runs every path; add "
                 "--yes to run them all");
}

}  // namespace
}  // namespace spendcast::cli
