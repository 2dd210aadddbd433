// backtest through the dispatcher: the baseline on the bundled cloud reference file, JSON
// and CSV read back and checked against each other, its spend scored apart and a
// shares-only file's not, the same bytes on 1 and 3 threads
// (the whole reference class: origins one after another, or concurrently), and the exit-2
// errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;
using testing::test_folder;

std::string source(const std::string& relative) {
  return std::string(SPENDCAST_SOURCE_DIR) + "/" + relative;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string baseline = source("scenarios/baseline.toml");
const std::string cloud = source("scenarios/data/reference/cloud-iaas.toml");

TEST(BacktestCommand, CloudReferenceJsonAndCsvAgree) {
  const auto dir = test_folder("backtest");
  const auto r = call({"backtest", baseline, "--data", cloud, "--paths", "2000", "--threads", "2",
                       "--json", (dir / "b.json").string(), "--csv", (dir / "b.csv").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("by horizon"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir / "b.json"));
  EXPECT_EQ(j["format"], "spendcast-backtest/1");
  EXPECT_EQ(j["paths"], 2000);
  // shares 2015–2022: origins 2016 … 2021, each scoring Amazon and Microsoft in every
  // later year: 2 × (6 + 5 + 4 + 3 + 2 + 1) = 42 observations, 12 of them one year ahead
  ASSERT_EQ(j["origins"].size(), 6u);
  EXPECT_EQ(j["origins"][0]["origin"], 2016);
  EXPECT_EQ(j["observations"].size(), 42u);
  EXPECT_EQ(j["by_horizon"][0]["horizon"], 1);
  EXPECT_EQ(j["by_horizon"][0]["count"], 12);
  EXPECT_EQ(j["by_horizon"].size(), 6u);
  std::size_t pits = 0, inside90 = 0;
  for (const auto& c : j["pit_histogram"]) pits += c.get<std::size_t>();
  for (const auto& o : j["observations"]) {
    EXPECT_GT(o["year"].get<int>(), o["origin"].get<int>());
    EXPECT_EQ(o["horizon"].get<int>(), o["year"].get<int>() - o["origin"].get<int>());
    inside90 += o["inside_90"].get<bool>();
  }
  EXPECT_EQ(pits, 42u);
  EXPECT_DOUBLE_EQ(j["summary"]["coverage_90"].get<double>(), inside90 / 42.0);
  // the CSV's pooled 90 % coverage is the JSON's
  std::ifstream csv(dir / "b.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "reference,origin,horizon,metric,year,statistic,value");
  std::map<std::string, double> rows;
  while (std::getline(csv, line)) {
    const auto comma = line.rfind(',');
    rows[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
  }
  EXPECT_DOUBLE_EQ(rows.at("summary,,,all,,coverage_90"), inside90 / 42.0);
  EXPECT_DOUBLE_EQ(rows.at("summary,,,horizon 1,,count"), 12);
}

// Spend is scored where the data have it (cloud IaaS, 2015–2022), in sections of its own,
// and a shares-only file says in one line that it has none; the share outputs keep their
// keys and rows.
TEST(BacktestCommand, SpendScoredWhereTheDataHaveIt) {
  const auto dir = test_folder("backtest");
  auto r = call({"backtest", baseline, "--data", cloud, "--paths", "2000", "--threads", "2",
                 "--json", (dir / "c.json").string(), "--csv", (dir / "c.csv").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nspend: 21 scored spends (CRPS in the data's unit;"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\ncloud-iaas  1 year "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("spend not scored"), std::string::npos) << r.out;
  auto j = nlohmann::json::parse(slurp(dir / "c.json"));
  ASSERT_TRUE(j.contains("spend"));
  const auto& spend = j["spend"];
  // origins 2016 … 2021, each scoring every later year's spend: 6 + 5 + … + 1 = 21
  ASSERT_EQ(spend["observations"].size(), 21u);
  std::size_t inside90 = 0, pits = 0;
  for (const auto& o : spend["observations"]) {
    EXPECT_EQ(o["metric"], "spend");
    EXPECT_EQ(o["horizon"].get<int>(), o["year"].get<int>() - o["origin"].get<int>());
    inside90 += o["inside_90"].get<bool>();
  }
  EXPECT_EQ(spend["observations"][0]["year"], 2017);
  EXPECT_DOUBLE_EQ(spend["observations"][0]["value"].get<double>(), 23.5);  // the file's
  for (const auto& c : spend["pit_histogram"]) pits += c.get<std::size_t>();
  EXPECT_EQ(pits, 21u);
  ASSERT_EQ(spend["by_horizon"].size(), 6u);
  EXPECT_EQ(spend["by_horizon"][0]["metric"], "cloud-iaas/spend");
  EXPECT_EQ(spend["by_horizon"][0]["count"], 6);
  ASSERT_EQ(spend["by_reference"].size(), 1u);
  EXPECT_DOUBLE_EQ(spend["by_reference"][0]["coverage_90"].get<double>(), inside90 / 21.0);
  // the shares' part keeps its keys and counts: 42 shares, no spend among them
  EXPECT_EQ(j["observations"].size(), 42u);
  for (const auto& o : j["observations"]) EXPECT_NE(o["metric"], "spend");
  EXPECT_EQ(j["summary"]["count"], 42);
  j.erase("spend");
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"by_horizon", "by_metric", "format", "observations",
                                            "origins", "paths", "pit_histogram", "references",
                                            "run", "scenario", "seed", "summary"}));
  // CSV: the spend's rows come after every share row, its summaries per market
  std::ifstream csv(dir / "c.csv");
  std::string line;
  std::getline(csv, line);
  std::map<std::string, double> rows;
  bool spend_seen = false;
  while (std::getline(csv, line)) {
    const bool is_spend = line.find(",spend,") != std::string::npos ||
                          line.find(",cloud-iaas/spend,") != std::string::npos;
    EXPECT_TRUE(is_spend || !spend_seen) << "a share row after the spend's: " << line;
    spend_seen = spend_seen || is_spend;
    const auto comma = line.rfind(',');
    rows[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
  }
  EXPECT_DOUBLE_EQ(rows.at("summary,,1,cloud-iaas/spend,,count"), 6);
  EXPECT_DOUBLE_EQ(rows.at("summary,,,cloud-iaas/spend,,coverage_90"), inside90 / 21.0);
  EXPECT_DOUBLE_EQ(rows.at("cloud-iaas,2016,1,spend,2017,value"), 23.5);
  EXPECT_DOUBLE_EQ(rows.at("summary,,,all,,count"), 42);

  const std::string browsers = source("scenarios/data/reference/web-browsers.toml");
  r = call({"backtest", baseline, "--data", browsers, "--paths", "1000", "--threads", "2", "--json",
            (dir / "w.json").string(), "--csv", (dir / "w.csv").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nPIT histogram"), std::string::npos) << r.out;
  const std::string last_line =
      "\nspend: not scored (no spend observed after an origin in "
      "web-browsers)\n";
  ASSERT_GE(r.out.size(), last_line.size());
  EXPECT_EQ(r.out.substr(r.out.size() - last_line.size()), last_line) << r.out;
  EXPECT_FALSE(nlohmann::json::parse(slurp(dir / "w.json")).contains("spend"));
  const std::string w_csv = slurp(dir / "w.csv");
  EXPECT_EQ(w_csv.find(",spend,"), std::string::npos);
  EXPECT_EQ(w_csv.find("/spend,"), std::string::npos);
}

// One thread runs the origins one after another, each in one piece; three run them
// concurrently, each origin's 3000 paths in two pieces: the same bytes.
TEST(BacktestCommand, SameBytesOnAnyThreadCount) {
  const auto dir = test_folder("backtest");
  for (const char* threads : {"1", "3"}) {
    const std::string t(threads);
    const auto r = call({"backtest", baseline, "--data", source("scenarios/data/reference"),
                         "--paths", "3000", "--threads", threads, "-q", "--json",
                         (dir / (t + ".json")).string(), "--csv", (dir / (t + ".csv")).string()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  const std::string json = slurp(dir / "1.json");
  EXPECT_GT(nlohmann::json::parse(json)["origins"].size(), 4u);
  EXPECT_EQ(json, slurp(dir / "3.json"));
  EXPECT_EQ(slurp(dir / "1.csv"), slurp(dir / "3.csv"));
}

TEST(BacktestCommand, AFolderIsEveryReferenceInIt) {
  const auto dir = test_folder("backtest");
  const auto r =
      call({"backtest", baseline, "--data", source("scenarios/data/reference"), "--paths", "1000",
            "--threads", "2", "-q", "--json", (dir / "b.json").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(slurp(dir / "b.json"));
  ASSERT_EQ(j["references"].size(), 4u);  // in name order
  EXPECT_NE(j["references"][0].get<std::string>().find("cloud-iaas.toml"), std::string::npos);
  EXPECT_NE(j["references"][3].get<std::string>().find("web-browsers.toml"), std::string::npos);
  // Issue 19: every bundled market has six or more consecutive years, so at least four
  // consecutive origins (an origin needs the year before it and a later year).
  std::map<std::string, std::pair<int, int>> run;  // reference -> (last origin, run length)
  std::map<std::string, int> longest;
  for (const auto& o : j["origins"]) {
    auto& [last, length] = run[o["reference"].get<std::string>()];
    const int year = o["origin"].get<int>();
    length = (length > 0 && year == last + 1) ? length + 1 : 1;
    last = year;
    auto& best = longest[o["reference"].get<std::string>()];
    best = std::max(best, length);
  }
  ASSERT_EQ(longest.size(), 4u);
  for (const auto& [reference, best] : longest) EXPECT_GE(best, 4) << reference;
  const auto empty = call({"backtest", baseline, "--data", dir.string()});  // only b.json
  EXPECT_EQ(empty.code, 2);
  EXPECT_NE(empty.err.find("the folder has no .toml file"), std::string::npos) << empty.err;
}

TEST(BacktestCommand, ErrorsExitTwo) {
  const auto dir = test_folder("backtest");
  auto r = call({"backtest", baseline});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--data"), std::string::npos) << r.err;
  r = call({"backtest", baseline, "--data", (dir / "missing.toml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing.toml: error: cannot read the reference data"), std::string::npos)
      << r.err;
  std::ofstream(dir / "bad.toml") << "[data.vendors]\n2015 = { A = \"0.4\" }\n";
  r = call({"backtest", baseline, "--data", (dir / "bad.toml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.toml:2:14: error: data.vendors.2015.A: "), std::string::npos) << r.err;
  std::ofstream(dir / "short.toml") << "[data.vendors]\n2015 = { A = 0.4 }\n2016 = { A = 0.5 }\n";
  r = call({"backtest", baseline, "--data", (dir / "short.toml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no origin year to backtest from"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace spendcast::cli
