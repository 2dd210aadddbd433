// Output files of every command: checked before any work, never an input, never a
// special file replaced, never a planted symlink followed, all or nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "call.hpp"

namespace spendcast::cli {
namespace {

namespace fs = std::filesystem;
using testing::call;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

std::filesystem::path scratch() {
  return testing::test_folder("outputs_test");
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(Outputs, AMissingFolderIsAUsageErrorBeforeSimulating) {
  // 10^8 paths would take minutes: the error must come first.
  auto r = call({"run", baseline, "--paths", "100000000", "--json", "/nonexistent/dir/r.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast run: --json /nonexistent/dir/r.json: cannot write it: no folder "
            "'/nonexistent/dir'\n");
  r = call({"run", baseline, "--paths", "100000000", "--csv", fs::temp_directory_path().string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

TEST(Outputs, AnOutputThatIsAnInputIsRefused) {
  const auto dir = scratch();
  const fs::path scenario = dir / "inp.toml";
  fs::copy_file(baseline, scenario);
  fs::create_directories(dir / "data");  // the copy loads: without the check it would run
  fs::copy_file(std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/data/menlo-2024.toml",
                dir / "data" / "menlo-2024.toml");
  const std::string original = read(scenario);
  auto r = call({"run", scenario.string(), "--paths", "100", "-q", "--json", scenario.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--json " + scenario.string() + ": is the input"), std::string::npos)
      << r.err;
  EXPECT_EQ(read(scenario), original);
  // The same file by another spelling.
  const std::string other = (dir / "." / "inp.toml").string();
  r = call({"run", scenario.string(), "--paths", "100", "-q", "--csv", other});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(read(scenario), original);
  fs::remove_all(dir);
}

TEST(Outputs, AFileTheScenarioExtendsIsAnInputToo) {
  const auto dir = scratch();
  fs::create_directories(dir / "data");
  fs::copy_file(baseline, dir / "baseline.toml");
  const fs::path data = dir / "data" / "menlo-2024.toml";
  fs::copy_file(std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/data/menlo-2024.toml", data);
  const std::string original = read(data);
  for (const char* command : {"run", "sensitivity"}) {
    std::vector<std::string> args{
        command,      (dir / "baseline.toml").string(), "--paths", "100000000", "-q", "--json",
        data.string()};
    if (std::string(command) == "sensitivity") args.insert(args.end(), {"--metric", "spend"});
    const auto r = call(args);  // refused once loaded, before simulating 10^8 paths
    EXPECT_EQ(r.code, 2) << command;
    EXPECT_NE(r.err.find("is the input '" + data.string() + "'"), std::string::npos) << r.err;
    EXPECT_EQ(read(data), original);
  }
  fs::remove_all(dir);
}

TEST(Outputs, TwoOutputsToOneFileAreRefused) {
  const auto dir = scratch();
  const std::string same = (dir / "same.out").string();
  auto r = call({"run", baseline, "--paths", "100", "-q", "--json", same, "--csv",
                 (dir / "sub" / ".." / "same.out").string()});
  EXPECT_EQ(r.code, 2);  // sub does not exist: refused either way, before running
  fs::create_directories(dir / "sub");
  r = call({"run", baseline, "--paths", "100", "-q", "--json", same, "--csv",
            (dir / "sub" / ".." / "same.out").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is the same file as --json"), std::string::npos) << r.err;
  r = call({"run", baseline, "--paths", "100", "-q", "--json", "-", "--csv", "-"});
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(same));
  fs::remove_all(dir);
}

TEST(Outputs, ScoreRefusesToOverwriteItsResultFile) {
  const auto dir = scratch();
  const std::string result = (dir / "r.json").string();
  ASSERT_EQ(call({"run", baseline, "--paths", "200", "-q", "--json", result}).code, 0);
  const std::string observations = (dir / "obs.toml").string();
  write(observations,
        "[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = 40.0\nsource = \"x\"\n");
  const std::string before = read(result);
  auto r = call({"score", result, observations, "--json", result});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is the input"), std::string::npos) << r.err;
  EXPECT_EQ(read(result), before);
  r = call({"compare", result, result, "--csv", result});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(read(result), before);
  fs::remove_all(dir);
}

TEST(Outputs, APlantedSymlinkAtTheOldTemporaryNameIsNotFollowed) {
  const auto dir = scratch();
  const fs::path victim = dir / "victim.txt";
  write(victim, "keep me");
  const fs::path out = dir / "res.json";
  fs::create_symlink(victim, dir / ("res.json.tmp." + std::to_string(::getpid())));
  auto r = call({"run", baseline, "--paths", "100", "-q", "--json", out.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read(victim), "keep me");
  EXPECT_EQ(nlohmann::json::parse(read(out))["format"], "spendcast-result/2");
  fs::remove_all(dir);
}

TEST(Outputs, ASpecialFileIsWrittenNotReplaced) {
  const auto dir = scratch();
  const fs::path link = dir / "null";
  fs::create_symlink("/dev/null", link);
  auto r = call({"run", baseline, "--paths", "100", "-q", "--json", link.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_EQ(entries(dir), 1u);  // no temporary left either
  fs::remove_all(dir);
}

TEST(Outputs, DashIsStandardOutputAlone) {
  auto r = call({"run", baseline, "--paths", "100", "--json", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);  // the table is left out
  EXPECT_EQ(j["run"]["paths"], 100);
  EXPECT_FALSE(fs::exists("-"));
}

TEST(Outputs, AllOrNothingWhenOneOutputFails) {
  const auto dir = scratch();
  const fs::path json = dir / "r.json";
  write(json, "old");
  // /dev/full: every write fails with "no space left", as a full disk would.
  auto r = call(
      {"run", baseline, "--paths", "100", "-q", "--json", json.string(), "--csv", "/dev/full"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
  EXPECT_EQ(read(json), "old");
  EXPECT_EQ(entries(dir), 1u);  // the JSON's temporary was removed
  fs::remove_all(dir);
}

TEST(Outputs, StaleTemporariesOfAFinishedProcessAreCleared) {
  const auto dir = scratch();
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // a process id that no longer runs
  const fs::path stale = dir / ("r.json.spendcast-tmp." + std::to_string(child) + ".AbC123");
  const fs::path other = dir / "r.json.spendcast-tmp.notapid.AbC123";
  write(stale, "left by a killed run");
  write(other, "not ours");
  auto r = call({"run", baseline, "--paths", "100", "-q", "--json", (dir / "r.json").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(other));
  fs::remove_all(dir);
}

TEST(Outputs, NewFilesGetTheUsualPermissions) {
  const auto dir = scratch();
  const fs::path out = dir / "r.csv";
  const mode_t mask = ::umask(022);
  auto r = call({"run", baseline, "--paths", "100", "-q", "--csv", out.string()});
  ::umask(mask);
  ASSERT_EQ(r.code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spendcast::cli
