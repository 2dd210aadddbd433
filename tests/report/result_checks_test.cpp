// Result files are checked, not trusted: every count, key range and sum of the stored
// state is checked against the others and against the paths, and a checksum over the state
// catches any other change. Each mutation below once passed and gave wrong numbers.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../sim/fixtures.hpp"
#include "report/result_json.hpp"
#include "report/state_checksum.hpp"
#include "sim/forecast_run.hpp"
#include "stats/count_encoding.hpp"

namespace spendcast::report {
namespace {

using nlohmann::json;
using namespace spendcast::testing;

/// A 2000-path result of the baseline-like fixture, as its JSON.
const json& result() {
  static const json j = [] {
    scenario::ScenarioSpec spec = stress_spec();
    spec.simulation.steps_per_year = 1;
    const model::Model model = model::compile_model(spec);
    sim::ForecastRunOptions o;
    o.paths = 2000;
    o.seed = 3;
    o.threads = 2;
    const sim::ForecastRun run = sim::run_forecast(model, o);
    RunInfo info;
    info.paths = run.paths;
    info.seed = 3;
    info.threads = 2;
    info.steps_per_year = 1;
    info.relative_accuracy = 1e-3;
    info.engine_version = "test";
    return result_to_json(spec, info, run.accumulator);
  }();
  return j;
}

/// The message of reading `j`, or "" when it reads.
std::string problem(const json& j) {
  try {
    result_from_json(j, "r.json");
    return "";
  } catch (const std::runtime_error& e) {
    return e.what();
  }
}

/// `j` with its checksum made to match its (mutated) state again, as a careful forger or a
/// buggy writer would: the consistency checks must catch what the checksum then cannot.
json restamped(json j) {
  j["state_checksum"] = state_checksum(j["state"]);
  return j;
}

json& sketch(json& j) {
  return j["state"]["cells"][0]["sketch"];
}

/// The counts of a sketch store, decoded.
std::vector<std::uint64_t> counts_of(const json& store) {
  return stats::decode_counts(store["counts"].get<std::string>(), 1u << 30);
}

/// Encodes `counts` into a sketch store.
void set_counts(json& store, const std::vector<std::uint64_t>& counts) {
  store["counts"] = stats::encode_counts(counts);
}

TEST(ResultChecks, AnUnchangedResultReads) {
  EXPECT_EQ(problem(result()), "");
  EXPECT_EQ(result()["state_checksum"].get<std::string>().rfind("fnv1a64:", 0), 0u);
}

TEST(ResultChecks, TheChecksumCatchesAnyChangeOfTheState) {
  json j = result();
  std::vector<std::uint64_t> counts = counts_of(sketch(j)["positive"]);
  const auto largest = std::max_element(counts.begin() + 1, counts.end());
  ASSERT_GT(*largest, 1u);
  counts[0] += 1;
  *largest -= 1;  // totals still add up
  set_counts(sketch(j)["positive"], counts);
  EXPECT_EQ(problem(j),
            "r.json: not a spendcast result file: state_checksum: the state does not match its "
            "checksum (the file was changed or damaged)");
  j = result();
  j.erase("state_checksum");
  EXPECT_NE(problem(j).find("state_checksum: "), std::string::npos) << problem(j);
}

TEST(ResultChecks, BucketCountsThatWrapAroundAreRefused) {
  json j = result();
  std::vector<std::uint64_t> counts = counts_of(sketch(j)["positive"]);
  const std::uint64_t half = std::uint64_t{1} << 63;
  counts[0] += half;
  counts[1] += half;  // wraps to the same total
  set_counts(sketch(j)["positive"], counts);
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.counts: counts add up "
                      "beyond 2^64"),
            std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, DamagedOrNonCanonicalEncodedCountsAreRefused) {
  json j = result();
  std::string text = sketch(j)["positive"]["counts"].get<std::string>();
  text[4] = '*';
  sketch(j)["positive"]["counts"] = text;
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.counts: base64, character 4: not a base64 "
                      "character"),
            std::string::npos)
      << problem(restamped(j));
  // The same counts written with a trailing zero: a text no writer makes.
  j = result();
  std::vector<std::uint64_t> counts = counts_of(sketch(j)["positive"]);
  counts.push_back(0);
  set_counts(sketch(j)["positive"], counts);
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.counts: encoded counts, "
                      "byte "),
            std::string::npos)
      << problem(restamped(j));
  EXPECT_NE(problem(restamped(j)).find(": the counts end with 0"), std::string::npos);
  // Counts reaching beyond the last key of the sketch.
  j = result();
  sketch(j)["positive"]["first_key"] = 4294967295u - 3;
  EXPECT_NE(problem(restamped(j)).find("state.cells[0].sketch.positive."), std::string::npos)
      << problem(restamped(j));
  // An array where the text belongs is read as version 1 only with its own checks.
  j = result();
  sketch(j)["positive"]["counts"] = 7;
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.counts: expected a string of encoded "
                      "counts"),
            std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, AVersionOneStateWithArraysStillReads) {
  json j = result();
  j["format"] = "spendcast-result/1";
  j["state"]["version"] = 1;
  for (json& cell : j["state"]["cells"])
    for (const char* side : {"positive", "negative"}) {
      json& store = cell["sketch"][side];
      store["counts"] =
          store["counts"].get<std::string>().empty() ? json::array() : json(counts_of(store));
    }
  const ResultFile old = result_from_json(restamped(j), "old.json");
  const ResultFile now = result_from_json(result(), "new.json");
  EXPECT_TRUE(old.accumulator == now.accumulator);
}

TEST(ResultChecks, KeysOutsideTheRangeAreRefused) {
  json j = result();
  sketch(j)["positive"]["first_key"] = 4294967290u;
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.first_key: 4294967290 is "
                      "outside the keys"),
            std::string::npos)
      << problem(restamped(j));
  sketch(j)["positive"]["first_key"] = -5;
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.positive.first_key: expected a "
                      "whole number >= 0, got -5"),
            std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, MinAndMaxOutsideTheBucketsAreRefused) {
  json j = result();
  sketch(j)["min"] = 1e300;
  sketch(j)["max"] = 1e301;
  EXPECT_NE(problem(restamped(j))
                .find("state.cells[0].sketch.min: not in the lowest non-empty "
                      "bucket"),
            std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, ANegativeSumOfPositiveValuesIsRefused) {
  json j = result();
  auto& hex = j["state"]["cells"][0]["moments"]["sum"]["hex"];
  hex = "-" + hex.get<std::string>();
  EXPECT_NE(problem(restamped(j)).find("state.cells[0].moments.sum: its mean"), std::string::npos)
      << problem(restamped(j));
  j = result();
  auto& squares = j["state"]["cells"][0]["moments"]["sum_of_squares"]["hex"];
  squares = "-" + squares.get<std::string>();
  EXPECT_NE(problem(restamped(j)).find("state.cells[0].moments.sum_of_squares"), std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, CountsAbovePathsAreRefused) {
  json j = result();
  j["state"]["counts"]["leader"][0] = 2001;
  EXPECT_NE(problem(restamped(j)).find("state.counts.leader[0]: 2001 is more than the 2000 paths"),
            std::string::npos)
      << problem(restamped(j));
  j = result();
  j["state"]["counts"]["leader"][0] = 1500;
  j["state"]["counts"]["leader"][1] = 1500;
  EXPECT_NE(problem(restamped(j)).find("more leaders than paths"), std::string::npos)
      << problem(restamped(j));
  j = result();
  j["run"]["paths"] = 3000;
  EXPECT_NE(problem(restamped(j)).find("run.paths: differs"), std::string::npos);
  j = result();
  j["state"]["cells"][0]["moments"]["count"] = 1999;
  EXPECT_NE(problem(restamped(j)).find("state.cells[0]."), std::string::npos)
      << problem(restamped(j));
}

TEST(ResultChecks, ALayoutAskingForHugeArraysIsRefusedBeforeAllocating) {
  json j = result();
  auto& years = j["state"]["layout"]["years"];
  for (int y = 0; y < 100000; ++y) years.push_back(3000 + y);
  EXPECT_NE(problem(restamped(j)).find("state.layout.years["), std::string::npos)
      << problem(restamped(j));
  j = result();
  auto& vendors = j["state"]["layout"]["vendor_share_metrics"];
  for (int v = 0; v < 100000; ++v) vendors.push_back(0);
  EXPECT_NE(problem(restamped(j)).find("state.layout.vendor_share_metrics["), std::string::npos)
      << problem(restamped(j));
  j = result();
  j["state"]["layout"]["spend_metric"] = 100000;
  EXPECT_NE(problem(restamped(j)).find("state.layout.spend_metric: 100000 is not a row"),
            std::string::npos)
      << problem(restamped(j));
}

/// A fresh folder of this test's own.
std::filesystem::path scratch() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             (std::string("spendcast_result_checks.") + test->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_problem(const std::string& path, std::uint64_t max_bytes) {
  try {
    read_result_file(path, max_bytes);
    return "";
  } catch (const std::runtime_error& e) {
    return e.what();
  }
}

TEST(ResultFiles, SpecialFilesAreRefusedWithoutWaiting) {
  const auto dir = scratch();
  const std::string fifo = (dir / "r.json").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Before, this opened the FIFO and waited for a writer forever.
  EXPECT_EQ(read_problem(fifo, default_max_result_bytes),
            fifo + ": cannot read the result file (is a FIFO, not a regular file)");
  EXPECT_EQ(read_problem(dir.string(), default_max_result_bytes),
            dir.string() + ": cannot read the result file (is a directory)");
  EXPECT_EQ(read_problem("/dev/zero", default_max_result_bytes),
            "/dev/zero: cannot read the result file (is a device, not a regular file)");
  std::filesystem::remove_all(dir);
}

TEST(ResultFiles, LargerThanTheCapIsRefusedBeforeReading) {
  const auto dir = scratch();
  const std::string path = (dir / "big.json").string();
  std::ofstream(path) << result().dump();
  const auto size = std::filesystem::file_size(path);
  EXPECT_EQ(read_problem(path, size), "");
  EXPECT_EQ(read_problem(path, size - 1),
            path + ": more than " + std::to_string(size - 1) +
                " bytes, the most a result file may have here; raise --max-input-size to read it");
  std::filesystem::remove_all(dir);
}

TEST(ResultFiles, ATextThatIsNotJsonSaysItIsNotAResultFile) {
  const auto dir = scratch();
  const std::string path = (dir / "baseline.csv").string();
  std::ofstream(path) << "scenario,metric,year,statistic,value\n";
  const std::string message = read_problem(path, default_max_result_bytes);
  EXPECT_EQ(message.rfind(path + ": not a spendcast result file: not JSON (parse error", 0), 0u)
      << message;
  EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace spendcast::report
