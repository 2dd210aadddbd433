// Bad input never crashes or hangs: truncated files, random bytes, deep nesting, huge
// numbers, empty files and directories all end in a clear ScenarioError.

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SPENDCAST_TEST_DIR) + "/scenarios/good/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Loads `text`: either it is valid, or every diagnostic is a positioned line of this
/// origin. Anything else thrown fails the test.
void expect_clean_outcome(const std::string& text, const std::string& what) {
  try {
    scenario::load_scenario_text(text, "in.toml", {}, no_files());
  } catch (const scenario::ScenarioError& e) {
    ASSERT_FALSE(e.diagnostics().empty()) << what;
    bool has_error = false;
    for (const scenario::Diagnostic& d : e.diagnostics()) {
      EXPECT_EQ(d.where.origin, "in.toml") << what;
      EXPECT_GE(d.where.line, 1) << what << ": " << d.to_string();
      EXPECT_FALSE(d.message.empty()) << what;
      has_error = has_error || d.severity == scenario::Diagnostic::Severity::error;
    }
    EXPECT_TRUE(has_error) << what;
  }
}

/// The single error of loading `text`.
std::string only_error(const std::string& text) {
  std::vector<std::string> lines = problems(text, {}, "in.toml");
  EXPECT_EQ(lines.size(), 1u);
  return lines.empty() ? std::string() : lines.front();
}

TEST(Robustness, EveryTruncationOfAValidFile) {
  const std::string text = read_fixture("every-form.toml");
  for (std::size_t n = 0; n < text.size(); n += 2)
    expect_clean_outcome(text.substr(0, n), "first " + std::to_string(n) + " bytes");
}

TEST(Robustness, RandomBytes) {
  std::mt19937 rng(20241120);
  for (int i = 0; i < 300; ++i) {
    std::string text(rng() % 600, '\0');
    for (char& c : text) c = static_cast<char>(rng() & 0xFF);
    expect_clean_outcome(text, "random buffer " + std::to_string(i));
  }
}

TEST(Robustness, RandomMutationsOfAValidFile) {
  const std::string original = read_fixture("full.toml");
  std::mt19937 rng(7);
  const std::string alphabet = "[]{}=\".,#'\n 0123456789-_abcxyz\\";
  for (int i = 0; i < 300; ++i) {
    std::string text = original;
    for (int k = 0; k < 4; ++k) text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    expect_clean_outcome(text, "mutation " + std::to_string(i));
  }
}

TEST(Robustness, DeeplyNestedInputIsRefusedBeforeParsing) {
  std::string headers = "[a";
  for (int i = 0; i < 100000; ++i) headers += ".a";
  headers += "]\n";
  EXPECT_EQ(only_error(headers),
            "in.toml:1:68: error: invalid TOML: nested too deeply (more than 32 levels of tables, "
            "arrays or dotted keys)");
  EXPECT_EQ(only_error("x = " + std::string(100000, '[') + std::string(100000, ']')),
            "in.toml:1:37: error: invalid TOML: nested too deeply (more than 32 levels of tables, "
            "arrays or dotted keys)");
  std::string inline_tables = "x = ";
  for (int i = 0; i < 5000; ++i) inline_tables += "{ a = ";
  EXPECT_EQ(only_error(inline_tables + "1"),
            "in.toml:1:197: error: invalid TOML: nested too deeply (more than 32 levels of "
            "tables, arrays or dotted keys)");
  std::string quoted = "[\"q\"";
  for (int i = 0; i < 1000; ++i) quoted += ".\"q\"";
  EXPECT_EQ(only_error(quoted + "]\n"),
            "in.toml:1:134: error: invalid TOML: nested too deeply (more than 32 levels of "
            "tables, arrays or dotted keys)");
}

TEST(Robustness, NestingColumnsCountCharacters) {
  std::string text = "title = \"\u00e9\u00e9\" x = ";
  for (int i = 0; i < 40; ++i) text += "[";
  // é is two bytes but one column, as in toml++'s own positions.
  EXPECT_EQ(only_error(text),
            "in.toml:1:50: error: invalid TOML: nested too deeply (more than 32 levels of "
            "tables, arrays or dotted keys)");
}

TEST(Robustness, NestingWithinTheLimitIsParsedAndReportedAsUnknown) {
  std::string headers = "[spend";
  for (int i = 0; i < 20; ++i) headers += ".x";
  EXPECT_EQ(problems(minimal_scenario() + headers + "]\n", {}, "in.toml"),
            (std::vector<std::string>{"in.toml:9:8: error: spend.x: unknown key (expected one of: "
                                      "long_run_growth, persistence, volatility, "
                                      "growth_volatility, ceiling, "
                                      "allow_ceiling_below_spend, initial_growth)"}));
}

TEST(Robustness, DotsInsideStringsAndNumbersAreNotNesting) {
  std::string values = "[report]\nquantiles = [";
  for (int i = 1; i < 99; ++i)
    values += "0." + std::string(i < 10 ? "0" : "") + std::to_string(i) + ", ";
  values += "0.99]\n";
  std::string many_dots(200, '.');
  EXPECT_EQ(problems(minimal_scenario() + values + "[scenario]\ntitle = \"" + many_dots + "\"\n"),
            std::vector<std::string>{"loaded"});
}

TEST(Robustness, HugeNumbers) {
  EXPECT_EQ(only_error("[simulation]\nhorizon = 99999999999999999999\n"),
            "in.toml:2:31: error: invalid TOML in [simulation], key horizon: Error while parsing "
            "decimal integer: "
            "'99999999999999999999' is not representable in 64 bits");
  const std::string base =
      "[simulation]\nhorizon = 2030\n[data]\nspend = { 2023 = 1, 2024 = 2 }\n"
      "[spend]\npersistence = 0.5\nvolatility = 0.1\n";
  EXPECT_EQ(only_error(base + "long_run_growth = \"-1.7e308 to 1.7e308\"\n"),
            "in.toml:8:19: error: spend.long_run_growth: out of range (got \"-1.7e308 to "
            "1.7e308\"; expected parameters small enough for finite means and spreads)");
  EXPECT_EQ(only_error(base + "long_run_growth = { dist = \"lognormal\", mu = 1000, sigma = 1 }\n"),
            "in.toml:8:19: error: spend.long_run_growth: out of range (got { dist = "
            "\"lognormal\", mu = 1000, sigma = 1 }; expected parameters small enough for finite "
            "means and spreads)");
  EXPECT_EQ(only_error(base + "long_run_growth = inf\n"),
            "in.toml:8:19: error: spend.long_run_growth: out of range (got inf; expected a "
            "finite number)");
  EXPECT_EQ(only_error(base + "long_run_growth = nan\n"),
            "in.toml:8:19: error: spend.long_run_growth: out of range (got nan; expected a "
            "finite number)");
  EXPECT_EQ(
      only_error("[simulation]\nhorizon = 1e308\n[data]\nspend = { 2024 = 1e308 }\n[spend]\n"
                 "long_run_growth = 0\npersistence = 0\nvolatility = 0\ninitial_growth = 0\n"),
      "in.toml:2:11: error: simulation.horizon: wrong type (got 1e+308; expected a year "
      "from 2025 to 2074: after base_year 2024, at most 50 years later)");
  expect_clean_outcome(base +
                           "long_run_growth = { dist = \"normal\", mean = 1e308, sd = 1e308, "
                           "truncate = [-1e308, 1e308] }\n",
                       "huge normal");
}

TEST(Robustness, EmptyAndBlankFilesSayWhatIsMissing) {
  const std::vector<std::string> expected{
      "in.toml:1:1: error: data.spend: missing required key (expected observed spend by year, "
      "spend = { 2024 = 13.8 })",
      "in.toml:1:1: error: simulation.horizon: missing required key (expected the last projected "
      "year, an integer after base_year)",
      "in.toml:1:1: error: spend.long_run_growth: missing required key (expected a number, \"LO "
      "to HI\" or { dist = ... })",
      "in.toml:1:1: error: spend.persistence: missing required key (expected a number, \"LO to "
      "HI\" or { dist = ... })",
      "in.toml:1:1: error: spend.volatility: missing required key (expected a number, \"LO to "
      "HI\" or { dist = ... })"};
  for (const std::string text : {"", "\n\n  \n", "# only a comment\n", "\xEF\xBB\xBF"})
    EXPECT_EQ(problems(text, {}, "in.toml"), expected) << text;
}

TEST(Robustness, NulBytesAndInvalidUtf8AreSyntaxErrors) {
  EXPECT_EQ(only_error(std::string("a = 1\n\0b = 2\n", 13)),
            "in.toml:2:1: error: invalid TOML: Error while parsing root table: expected keys, "
            "tables, whitespace or comments, saw '\\u0000'");
  EXPECT_EQ(only_error("title = \"\xff\xfe\"\n"),
            "in.toml:1:9: error: invalid TOML at key title: Encountered invalid utf-8 sequence");
}

TEST(Robustness, OversizedInputIsRefused) {
  EXPECT_EQ(only_error(std::string((1u << 20) + 1, ' ')),
            "in.toml:1:1: error: invalid TOML: file too large (got 1048577 bytes; expected at "
            "most 1048576 bytes)");
}

TEST(Robustness, ThousandsOfProblemsAreAllReported) {
  std::string text = minimal_scenario() + "[report]\n";
  for (int i = 0; i < 5000; ++i) text += "k" + std::to_string(i) + " = 1\n";
  std::vector<std::string> lines = problems(text, {}, "in.toml");
  EXPECT_EQ(lines.size(), 5000u);
  EXPECT_EQ(lines.back(),
            "in.toml:5009:1: error: report.k4999: unknown key (expected one of: "
            "quantiles, thresholds)");
}

TEST(Robustness, DirectoriesAndMissingFiles) {
  const std::string dir = std::string(SPENDCAST_TEST_DIR) + "/scenarios";
  try {
    scenario::load_scenario_file(dir);
    ADD_FAILURE() << "a directory loaded";
  } catch (const scenario::ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].to_string(),
              dir + ": error: cannot read the scenario (is a directory)");
  }
  try {
    scenario::load_scenario_file(dir + "/no-such-file.toml");
    ADD_FAILURE() << "a missing file loaded";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              dir + "/no-such-file.toml: error: cannot read the scenario (no such file)");
  }
  // extends naming a directory, through the real file system.
  std::vector<std::string> lines = problems("[scenario]\nextends = \"good\"\n", {},
                                            dir + "/child.toml", scenario::filesystem_reader());
  EXPECT_EQ(lines, std::vector<std::string>{
                       dir +
                       "/child.toml:2:11: error: scenario.extends: cannot read the parent "
                       "(got \"good\", resolved to " +
                       dir + "/good: is a directory; expected a readable scenario file)"});
}

TEST(Robustness, ExtendsExplosionsAreBounded) {
  // Each file extends the next one 8 times: 8^10 loads without a bound.
  MemoryFiles files;
  for (int i = 0; i < 10; ++i) {
    std::string list;
    for (int k = 0; k < 8; ++k)
      list += (k ? ", " : "") + std::string("\"f") + std::to_string(i + 1) + ".toml\"";
    files.add("f" + std::to_string(i) + ".toml", "[scenario]\nextends = [" + list + "]\n");
  }
  files.add("f10.toml", minimal_scenario());
  std::vector<std::string> lines =
      problems("[scenario]\nextends = \"f0.toml\"\n", {}, "top.toml", files.reader());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(lines[0].find("error:")),
            "error: scenario.extends[0]: too many files extended (got more than 256; expected at "
            "most 256)");
  // A large parent read again and again: at most 4 MiB in all.
  MemoryFiles big;
  big.add("big.toml", "#" + std::string(599999, 'x') + "\n");
  std::string list;
  for (int k = 0; k < 8; ++k) list += (k ? ", " : "") + std::string("\"big.toml\"");
  EXPECT_EQ(problems("[scenario]\nextends = [" + list + "]\n", {}, "top.toml", big.reader()),
            std::vector<std::string>{"top.toml:2:84: error: scenario.extends[6]: too much to read "
                                     "(got more than 4194304 bytes in all files; expected at most "
                                     "4194304)"});
  // A chain longer than 32 files.
  MemoryFiles chain;
  for (int i = 0; i < 40; ++i)
    chain.add("c" + std::to_string(i) + ".toml",
              "[scenario]\nextends = \"c" + std::to_string(i + 1) + ".toml\"\n");
  lines = problems("[scenario]\nextends = \"c0.toml\"\n", {}, "top.toml", chain.reader());
  EXPECT_EQ(lines,
            std::vector<std::string>{"c30.toml:2:11: error: scenario.extends: extends chain "
                                     "too long (got more than 32 files; expected at most 32)"});
}

}  // namespace
}  // namespace spendcast::testing
