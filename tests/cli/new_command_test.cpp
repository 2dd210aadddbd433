// `spendcast new` and the "New data arrived" recipe of docs/SCENARIO-FORMAT.md, through
// the dispatcher. The 2025 figures used here are MADE UP for the tests; they are not data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "call.hpp"
#include "scenario/load.hpp"

namespace spendcast::cli {
namespace {

namespace fs = std::filesystem;
using testing::call;

const std::string root = SPENDCAST_SOURCE_DIR;

/// The running test's own scratch folder; `file(name)` is a path in it.
struct Folder {
  fs::path dir = testing::test_folder("new");
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "not found: " << from << "\nin:\n" << text;
  text.replace(at, from.size(), to);
}

TEST(NewCommand, WithoutFromWritesAStandAloneScenarioThatValidatesAndRuns) {
  const Folder dir;
  auto r = call({"new", dir.file("mine")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            dir.file("mine.toml") + ": written (10000 paths, 2025–2030, 6 vendors, no events)\n");
  const scenario::LoadedScenario s = scenario::load_scenario_file(dir.file("mine.toml"));
  EXPECT_EQ(s.spec.name, "mine");
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_DOUBLE_EQ(s.spec.spend.base_spend_usd_bn, 13.8);  // the bundled data, copied
  const std::string text = read(dir.file("mine.toml"));
  EXPECT_NE(text.find("source = \"Menlo Ventures"), std::string::npos) << text;
  auto run = call({"run", dir.file("mine.toml"), "--paths", "300", "-q"});
  EXPECT_EQ(run.code, 0) << run.err;
}

TEST(NewCommand, RefusesToOverwriteAnExistingFile) {
  const Folder dir;
  { std::ofstream(dir.file("taken.toml")) << "# mine\n"; }
  auto r = call({"new", dir.file("taken"), "--from", root + "/scenarios/baseline.toml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "spendcast new: " + dir.file("taken.toml") +
                       ": already exists (expected a new file: spendcast new never overwrites; "
                       "choose another name)\n");
  EXPECT_EQ(read(dir.file("taken.toml")), "# mine\n");
}

TEST(NewCommand, RefusesANameThatIsNotAScenarioName) {
  const Folder dir;
  auto r = call({"new", dir.file("My Scenario")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("invalid scenario name (got \"My Scenario\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("My Scenario.toml")));
}

TEST(NewCommand, FromAScenarioExtendsItAndInheritsEverything) {
  const Folder dir;
  const std::string parent = root + "/scenarios/baseline.toml";
  auto r = call({"new", dir.file("child"), "--from", parent});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = read(dir.file("child.toml"));
  EXPECT_NE(text.find("# long_run_growth = \"0.06 to 0.28\""), std::string::npos) << text;
  EXPECT_NE(text.find("# [data]"), std::string::npos) << text;
  EXPECT_NE(text.find("# 2025 = { OpenAI = 0.0, Anthropic = 0.0, Meta = 0.0, Google = 0.0, "
                      "Mistral = 0.0 }"),
            std::string::npos)
      << text;
  const scenario::LoadedScenario child = scenario::load_scenario_file(dir.file("child.toml"));
  const scenario::LoadedScenario base = scenario::load_scenario_file(parent);
  EXPECT_EQ(child.spec.name, "child");
  EXPECT_EQ(child.spec.simulation.seed, base.spec.simulation.seed);
  EXPECT_EQ(child.spec.events.size(), base.spec.events.size());
  EXPECT_EQ(child.spec.simulation.base_year, 2024);
}

TEST(NewCommand, NewDataArrivedRecipeRestartsFromTheNewerYearInOneFile) {
  const Folder dir;
  ASSERT_EQ(call({"new", dir.file("restart"), "--from", root + "/scenarios/baseline.toml"}).code,
            0);
  std::string text = read(dir.file("restart.toml"));
  // The recipe: uncomment base_year and the [data] block, write the newer figures (made
  // up here), leave the segment split out (the 2024 split is carried forward).
  replace(text, "# base_year = 2025", "base_year = 2025");
  replace(text, "# [data]\n", "[data]\n");
  replace(text, "# source = \"Who published the 2025 figures, and when\"",
          "source = \"made-up figures for a test\"");
  replace(text, "# spend = { 2025 = 0.0 }", "spend = { 2025 = 30.0 }");
  replace(text,
          "# [data.vendors]\n# 2025 = { OpenAI = 0.0, Anthropic = 0.0, Meta = 0.0, Google "
          "= 0.0, Mistral = 0.0 }",
          "[data.vendors]\n2025 = { OpenAI = 0.30, Anthropic = 0.30, Meta = 0.14, Google = "
          "0.16, Mistral = 0.04 }");
  { std::ofstream(dir.file("restart.toml"), std::ios::trunc) << text; }

  auto v = call({"validate", dir.file("restart.toml")});
  EXPECT_EQ(v.code, 0) << v.err;
  EXPECT_NE(v.out.find("ok (100000 paths, 2026–2030, 6 vendors, 1 event)"), std::string::npos)
      << v.out;
  // The one note: the inherited correction window starts in the first projected year.
  EXPECT_NE(v.err.find("warning: event.correction.from: clipped to the first projected year "
                       "(got 2025; base_year is 2025"),
            std::string::npos)
      << v.err;
  EXPECT_EQ(std::count(v.err.begin(), v.err.end(), '\n'), 1) << v.err;

  auto show = call({"show", dir.file("restart.toml")});
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("the 2024 split carried forward"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("#   vendors starting momentum, a year: OpenAI -0.125"),
            std::string::npos)
      << show.out;

  auto run = call({"run", dir.file("restart.toml"), "--paths", "300", "-q", "--json",
                   dir.file("restart.json")});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir.file("restart.json")));
}

}  // namespace
}  // namespace spendcast::cli
