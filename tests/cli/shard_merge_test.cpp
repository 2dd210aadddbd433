// `spendcast run --shard K/N` and `spendcast merge`: the shards merged, in any order, are
// the whole run byte for byte (but for the volatile run information), and every mistake in
// the parts is refused with exit 2 and a message naming the files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;
using testing::Outcome;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The result file's JSON without the run information that depends on the machine and the
/// moment (documented as volatile in docs/RESULT-FORMAT.md).
nlohmann::json stable(const std::filesystem::path& p) {
  nlohmann::json j = nlohmann::json::parse(read(p));
  for (const char* key : {"threads", "elapsed_s", "path_steps_per_s"}) j["run"].erase(key);
  return j;
}

struct ShardedRun {
  std::filesystem::path dir;
  std::string whole, whole_csv;
  std::vector<std::string> parts;
};

/// A whole run and its three shards, each with other threads, written once per test process.
const ShardedRun& sharded() {
  static const ShardedRun r = [] {
    ShardedRun s;
    s.dir = testing::test_folder("shard_merge");  // the first test's own (ctest runs them apart)
    const std::vector<std::string> common = {"--paths", "3001", "--steps-per-year", "1", "-q"};
    s.whole = (s.dir / "whole.json").string();
    s.whole_csv = (s.dir / "whole.csv").string();
    std::vector<std::string> args = {"run",    baseline, "--threads", "2",
                                     "--json", s.whole,  "--csv",     s.whole_csv};
    args.insert(args.end(), common.begin(), common.end());
    EXPECT_EQ(call(args).code, 0);
    for (int k = 1; k <= 3; ++k) {
      s.parts.push_back((s.dir / ("part" + std::to_string(k) + ".json")).string());
      std::vector<std::string> a = {"run",       baseline,
                                    "--shard",   std::to_string(k) + "/3",
                                    "--threads", std::to_string(k % 2 + 1),
                                    "--json",    s.parts.back()};
      a.insert(a.end(), common.begin(), common.end());
      const Outcome o = call(a);
      EXPECT_EQ(o.code, 0) << o.err;
    }
    return s;
  }();
  return r;
}

TEST(ShardMerge, AShardHoldsItsRangeOfTheWholeRunsDesign) {
  const auto& s = sharded();
  const auto j = nlohmann::json::parse(read(s.parts[1]));
  EXPECT_EQ(j["run"]["paths"], 1000);  // floor(3001 * 2 / 3) - floor(3001 / 3)
  EXPECT_EQ(
      j["run"]["shard"],
      nlohmann::json({{"index", 2}, {"count", 3}, {"first_path", 1000}, {"total_paths", 3001}}));
  EXPECT_EQ(j["scenario"]["simulation"]["paths"], 3001);
  EXPECT_EQ(nlohmann::json::parse(read(s.whole))["run"].count("shard"), 0u);
}

TEST(ShardMerge, MergedShardsInEveryOrderAreTheWholeRunByteForByte) {
  const auto& s = sharded();
  const nlohmann::json whole = stable(s.whole);
  std::vector<std::size_t> order = {0, 1, 2};
  int orders = 0;
  do {
    const auto out = s.dir / ("merged" + std::to_string(orders) + ".json");
    const auto csv = s.dir / ("merged" + std::to_string(orders) + ".csv");
    std::vector<std::string> args = {"merge"};
    for (std::size_t i : order) args.push_back(s.parts[i]);
    for (const std::string& a :
         {std::string("--json"), out.string(), std::string("--csv"), csv.string()})
      args.push_back(a);
    const Outcome o = call(args);
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("Spend, $B: median [5%, 95%]"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("3001 paths · seed 20241120"), std::string::npos) << o.out;
    const nlohmann::json merged = stable(out);
    EXPECT_EQ(merged["state_checksum"], whole["state_checksum"]);
    EXPECT_EQ(merged.dump(1), whole.dump(1));  // every statistic, every byte of the state
    EXPECT_EQ(read(csv), read(s.whole_csv));
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(orders, 6);
}

TEST(ShardMerge, TheVolatileRunInformationIsCombined) {
  const auto& s = sharded();
  const auto out = s.dir / "combined.json";
  ASSERT_EQ(call({"merge", s.parts[0], s.parts[1], s.parts[2], "--json", out.string(), "-q"}).code,
            0);
  double elapsed = 0;
  int threads = 0;
  for (const auto& p : s.parts) {
    const auto j = nlohmann::json::parse(read(p));
    elapsed += j["run"]["elapsed_s"].get<double>();
    threads = std::max(threads, j["run"]["threads"].get<int>());
  }
  const auto j = nlohmann::json::parse(read(out));
  EXPECT_DOUBLE_EQ(j["run"]["elapsed_s"].get<double>(), elapsed);
  EXPECT_EQ(j["run"]["threads"], threads);
}

/// `spendcast merge FILES...` must fail with exit 2 and say `expected` on stderr.
void expect_refused(const std::vector<std::string>& files, const std::string& expected) {
  std::vector<std::string> args = {"merge"};
  args.insert(args.end(), files.begin(), files.end());
  const Outcome o = call(args);
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_NE(o.err.find(expected), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

/// A shard file like `part` with `edit` applied (to the run information, which the state
/// checksum does not cover).
std::string edited(const std::string& part, const std::string& name,
                   const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j = nlohmann::json::parse(read(part));
  edit(j);
  const auto path = (sharded().dir / name).string();
  std::ofstream(path) << j.dump(1);
  return path;
}

TEST(ShardMerge, RefusesOverlappingAndMissingRanges) {
  const auto& s = sharded();
  expect_refused(
      {s.parts[0], s.parts[1], s.parts[1], s.parts[2]},
      "spendcast merge: paths 1000 to 1999 are in both " + s.parts[1] + " and " + s.parts[1]);
  expect_refused({s.parts[0], s.parts[2]},
                 "spendcast merge: paths 1000 to 1999 of the run's 3001 are in none of the files "
                 "(missing between " +
                     s.parts[0] + " and " + s.parts[2] + ")");
  expect_refused({s.parts[1], s.parts[0]},
                 "paths 2000 to 3000 of the run's 3001 are in none of the files (missing after " +
                     s.parts[1] + ")");
  expect_refused({s.parts[2], s.parts[1]}, "paths 0 to 999 of the run's 3001 are in none");
  expect_refused({s.parts[0], s.parts[1], s.parts[2], s.whole}, "paths 0 to 999 are in both");
}

TEST(ShardMerge, RefusesALoneFileAndFilesThatAreNotResults) {
  const auto& s = sharded();
  expect_refused({s.parts[0]}, "spendcast merge: " + s.parts[0] +
                                   ": one file: merge combines the result files of all the "
                                   "shards of a run");
  const auto toml = (s.dir / "not-a-result.json").string();
  std::ofstream(toml) << "[simulation]\npaths = 10\n";
  expect_refused({s.parts[0], toml}, toml + ": ");
  expect_refused({s.parts[0], baseline}, "");
  expect_refused({s.parts[0], (s.dir / "absent.json").string()}, "absent.json");
}

TEST(ShardMerge, RefusesPartsOfDifferentRuns) {
  const auto& s = sharded();
  const std::string other_build = edited(s.parts[1], "build.json", [](nlohmann::json& j) {
    j["run"]["engine_version"] = "0.0.1 (git 000000000000)";
  });
  expect_refused({s.parts[0], other_build, s.parts[2]},
                 "spendcast merge: not parts of one run: the build (engine version): ");
  expect_refused({s.parts[0], other_build, s.parts[2]},
                 "\"0.0.1 (git 000000000000)\" in " + other_build);
  const std::string other_seed = edited(s.parts[1], "seed.json", [](nlohmann::json& j) {
    j["run"]["seed"] = 5;
    j["scenario"]["simulation"]["seed"] = 5;
  });
  expect_refused({s.parts[0], other_seed}, "not parts of one run: the seed: 20241120 in " +
                                               s.parts[0] + ", 5 in " + other_seed);
  const std::string other_setting = edited(s.parts[1], "set.json", [](nlohmann::json& j) {
    j["scenario"]["spend"]["volatility"] = 0.25;
  });
  expect_refused({s.parts[0], other_setting, s.parts[2]},
                 "not parts of one run: the scenario: spend.volatility: ");
  const std::string other_total = edited(s.parts[2], "total.json", [](nlohmann::json& j) {
    j["run"]["shard"]["total_paths"] = 3002;
    j["run"]["shard"]["first_path"] = 2001;
  });
  expect_refused({s.parts[0], other_total}, "not parts of one run: the run's paths: 3001 in " +
                                                s.parts[0] + ", 3002 in " + other_total);
  // A real shard of another seed, as a user would make it.
  const auto seed_part = (s.dir / "seed7.json").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "3001", "--steps-per-year", "1", "-q", "--seed", "7",
                  "--shard", "2/3", "--json", seed_part})
                .code,
            0);
  expect_refused({s.parts[0], seed_part, s.parts[2]}, "the seed: 20241120 in ");
  const auto set_part = (s.dir / "set3.json").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "3001", "--steps-per-year", "1", "-q", "--set",
                  "spend.volatility=0.3", "--shard", "3/3", "--json", set_part})
                .code,
            0);
  expect_refused({s.parts[0], s.parts[1], set_part}, "the scenario: overrides");
}

TEST(ShardMerge, ShardOptionMistakesAreRefused) {
  const auto expect = [](const std::vector<std::string>& extra, const std::string& message) {
    std::vector<std::string> args = {"run", baseline, "--paths", "100", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Outcome o = call(args);
    EXPECT_EQ(o.code, 2) << o.err;
    EXPECT_NE(o.err.find(message), std::string::npos) << o.err;
  };
  expect({"--shard", "3"}, "spendcast run: --shard 3: expected K/N");
  expect({"--shard", "0/3"}, "--shard 0/3: expected 1 <= K <= N");
  expect({"--shard", "4/3"}, "--shard 4/3: expected 1 <= K <= N");
  expect({"--shard", "a/3"}, "--shard a: expected a whole number");
  expect({"--shard", "1/101"}, "--shard 1/101: 101 parts of 100 paths; at most 100 parts");
  expect({"--shard", "1/2", "--target-se", "0.01"}, "--shard cannot be combined with --target-se");
  expect({"--shard", "1/2", "--condition", "obs.toml"},
         "--shard cannot be combined with --condition");
}

}  // namespace
}  // namespace spendcast::cli
