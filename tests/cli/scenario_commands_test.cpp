// `spendcast validate` and `spendcast show` through the dispatcher.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "call.hpp"
#include "scenario/schema.hpp"

namespace spendcast::cli {
namespace {

using testing::call;

const std::string root = SPENDCAST_SOURCE_DIR;

TEST(ValidateCommand, EveryBundledScenarioIsValid) {
  std::vector<std::string> args{"validate"};
  for (const auto& entry : std::filesystem::directory_iterator(root + "/scenarios"))
    if (entry.path().extension() == ".toml") args.push_back(entry.path().string());
  ASSERT_GE(args.size(), 8u);
  auto r = call(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("scenarios/baseline.toml: ok (100000 paths, 2025–2030, 6 vendors, 1 event)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), static_cast<long>(args.size() - 1));
}

TEST(ValidateCommand, InvalidFilesExitTwoWithEveryError) {
  const std::string bad = root + "/tests/scenarios/bad/beta-parameters.toml";
  auto r = call({"validate", root + "/scenarios/baseline.toml", bad});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("baseline.toml: ok"), std::string::npos);
  EXPECT_NE(
      r.err.find(
          bad + ":13:35: error: event.boom.hazard.alpha: out of range (got 0; expected alpha > 0)"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad + ":13:45: error: event.boom.hazard.beta"), std::string::npos) << r.err;
}

TEST(ValidateCommand, MissingArgumentsIsAUsageError) {
  auto r = call({"validate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast validate: missing arguments; usage: spendcast validate FILE... [--set "
            "KEY=VALUE ...]; see 'spendcast validate --help'\n");
}

TEST(SchemaCommand, PrintsTheScenarioSchema) {
  auto r = call({"schema"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, scenario::scenario_schema());
  EXPECT_NE(r.out.find("\"long_run_growth\""), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(SchemaCommand, TakesNoArguments) {
  auto r = call({"schema", "extra"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(ShowCommand, PrintsTomlThatValidatesToTheSameScenario) {
  auto r = call({"show", root + "/scenarios/baseline.toml", "--set", "spend.volatility=0.2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("volatility = 0.2  # --set"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scenarios/data/menlo-2024.toml:"), std::string::npos);
  const auto file = std::filesystem::temp_directory_path() / "spendcast_show_test.toml";
  std::ofstream(file) << r.out;
  auto v = call({"validate", file.string()});
  EXPECT_EQ(v.code, 0) << v.err;
  // The shown scenario forecasts exactly what the original (with the override) does.
  auto a =
      call({"run", file.string(), "--paths", "500", "-q", "--json", file.string() + ".a.json"});
  auto b = call({"run", root + "/scenarios/baseline.toml", "--set", "spend.volatility=0.2",
                 "--paths", "500", "-q", "--json", file.string() + ".b.json"});
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  std::ifstream ja(file.string() + ".a.json"), jb(file.string() + ".b.json");
  std::string ta((std::istreambuf_iterator<char>(ja)), {}),
      tb((std::istreambuf_iterator<char>(jb)), {});
  const auto strip = [](const std::string& t) { return t.substr(t.find("\"metrics\"")); };
  EXPECT_EQ(strip(ta).substr(0, 20000), strip(tb).substr(0, 20000));
  for (const auto& f : {file.string(), file.string() + ".a.json", file.string() + ".b.json"})
    std::filesystem::remove(f);
}

}  // namespace
}  // namespace spendcast::cli
