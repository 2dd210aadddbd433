// compare and score given what is not a result file, a special file, a huge file or
// repeated observations: a clear exit-2 message at once, never a wait or a raw parser text.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "call.hpp"

namespace spendcast::cli {
namespace {

namespace fs = std::filesystem;
using testing::call;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

std::filesystem::path scratch() {
  return testing::test_folder("hostile_test");
}

const char* observation = "[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = 40.0\n";

TEST(HostileInputs, ACsvGivenAsAResultSaysItIsNotAResultFile) {
  const auto dir = scratch();
  const std::string csv = (dir / "baseline.csv").string(), obs = (dir / "obs.toml").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "100", "-q", "--csv", csv}).code, 0);
  std::ofstream(obs) << observation;
  const auto r = call({"score", csv, obs});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(csv + ": error: not a spendcast result file: not JSON (", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find("[json.exception"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(HostileInputs, AFifoOrDirectoryIsRefusedAtOnce) {
  const auto dir = scratch();
  const std::string fifo = (dir / "r.json").string(), obs = (dir / "obs.toml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::ofstream(obs) << observation;
  auto r = call({"score", fifo, obs});  // blocked forever before
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, fifo + ": error: cannot read the result file (is a FIFO, not a regular file)\n");
  r = call({"compare", fifo, fifo});
  EXPECT_EQ(r.code, 2);
  const std::string folder = (dir / "d.json").string();
  fs::create_directories(folder);
  r = call({"compare", folder, folder});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, folder + ": error: cannot read the result file (is a directory)\n");
  fs::remove_all(dir);
}

TEST(HostileInputs, AHugeResultFileIsRefusedQuicklyByItsSize) {
  const auto dir = scratch();
  const std::string big = (dir / "big.json").string(), obs = (dir / "obs.toml").string();
  {
    // 60 MB: one array of 30 million numbers (took 1.4 GB and many seconds to read).
    std::ofstream out(big);
    out << "{\"format\": \"spendcast-result/1\", \"state\": [";
    const std::string chunk = [] {
      std::string s;
      for (int i = 0; i < 1000; ++i) s += "1,";
      return s;
    }();
    for (int i = 0; i < 30000; ++i) out << chunk;
    out << "1]}";
  }
  std::ofstream(obs) << observation;
  const auto start = std::chrono::steady_clock::now();
  auto r = call({"score", big, obs});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, big +
                       ": error: more than 33554432 bytes, the most a result file may have "
                       "here; raise --max-input-size to read it\n");
  EXPECT_LT(seconds, 1.0);
  // The cap is an option: a real result refused under a small one.
  const std::string result = (dir / "r.json").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "100", "-q", "--json", result}).code, 0);
  r = call({"score", result, obs, "--max-input-size", "1K"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("more than 1024 bytes"), std::string::npos) << r.err;
  EXPECT_EQ(call({"score", result, obs, "--max-input-size", "1G", "-q"}).code, 0);
  fs::remove_all(dir);
}

TEST(HostileInputs, ScoreRefusesDuplicateAndConflictingObservations) {
  const auto dir = scratch();
  const std::string result = (dir / "r.json").string(), obs = (dir / "obs.toml").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "200", "-q", "--json", result}).code, 0);
  std::ofstream(obs) << observation << "\n"
                     << observation << "\n"
                     << "[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = 45.0\n";
  const auto r = call({"score", result, obs});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, obs +
                       ":6:1: error: observation[1]: spend in 2025 is observed already by "
                       "observation[0] (line 1), with the same value (a duplicate); keep one\n" +
                       obs +
                       ":11:1: error: observation[2]: spend in 2025 is observed already by "
                       "observation[0] (line 1), with another value (45 vs 40): conflicting "
                       "observations; keep one\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spendcast::cli
