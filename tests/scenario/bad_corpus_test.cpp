// The bad-input corpus: every tests/scenarios/bad/NAME.toml must fail to load with
// exactly the diagnostics in NAME.expected (one line each, file:line:col included).
// NAME.set, when present, holds --set assignments, one a line. Files are read as
// "bad/NAME.toml" relative to tests/scenarios, so the expected lines do not depend on
// where the tests run. Parent files used by extends live in bad/parents/.
//
// To regenerate the expected files after a deliberate change of messages, run
//   SPENDCAST_UPDATE_EXPECTED=1 build/<dir>/tests/test_scenario --gtest_filter='BadCorpus*'
// and review the diff: every line is a message users read.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

namespace fs = std::filesystem;

const fs::path scenarios_dir = fs::path(SPENDCAST_TEST_DIR) / "scenarios";

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(scenarios_dir / "bad"))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Reads "bad/..." relative to tests/scenarios (and nothing outside it).
std::optional<std::string> corpus_reader(const std::string& path) {
  if (!path.starts_with("bad/")) return std::nullopt;
  const fs::path file = scenarios_dir / path;
  if (!fs::is_regular_file(file)) return std::nullopt;
  return read_text(file);
}

class BadCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCorpus, FailsWithExactlyTheExpectedMessages) {
  const std::string name = GetParam();
  const fs::path base = scenarios_dir / "bad" / name;
  std::vector<std::string> sets;
  if (auto text = read_text(base.string() + ".set")) sets = lines_of(*text);
  std::vector<std::string> actual;
  try {
    scenario::load_scenario_file("bad/" + name + ".toml", sets, corpus_reader);
    FAIL() << "bad/" << name << ".toml loaded without an error";
  } catch (const scenario::ScenarioError& e) {
    for (const scenario::Diagnostic& d : e.diagnostics()) actual.push_back(d.to_string());
  }
  const std::string expected_path = base.string() + ".expected";
  if (std::getenv("SPENDCAST_UPDATE_EXPECTED")) {
    std::ofstream out(expected_path, std::ios::binary);
    for (const auto& line : actual) out << line << '\n';
  }
  const std::optional<std::string> expected = read_text(expected_path);
  ASSERT_TRUE(expected) << "missing " << expected_path;
  EXPECT_EQ(actual, lines_of(*expected));
  bool has_error = false;
  for (const auto& line : actual)
    has_error = has_error || line.find(": error: ") != std::string::npos;
  EXPECT_TRUE(has_error);
}

INSTANTIATE_TEST_SUITE_P(Files, BadCorpus, ::testing::ValuesIn(corpus()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string id;
                           for (char c : info.param)
                             id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return id;
                         });

TEST(BadCorpusFiles, AtLeastFortyCasesEachWithItsExpectedFile) {
  const std::vector<std::string> names = corpus();
  EXPECT_GE(names.size(), 40u);
  for (const auto& name : names)
    EXPECT_TRUE(fs::is_regular_file(scenarios_dir / "bad" / (name + ".expected"))) << name;
}

}  // namespace
}  // namespace spendcast::testing
