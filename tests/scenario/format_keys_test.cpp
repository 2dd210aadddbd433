// The key tables (scenario/format_keys.hpp) are both what `validate` reads and what
// `spendcast schema` prints: the validator's unknown-key messages list exactly a table's
// keys, its range checks refuse what a table's range excludes, and the schema names every
// key of every table with a description.

// GCC 12 at -O1 with the sanitizers (the asan preset) warns inside libstdc++'s std::regex
// automaton (-Wmaybe-uninitialized on a std::function it moves, a known false positive);
// std::regex is only this test's, to match the schema's pattern as a JSON Schema validator
// would.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "scenario/format_keys.hpp"
#include "scenario/schema.hpp"
#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

using scenario::Form;
using scenario::KeySpec;
using scenario::KeyTable;

/// minimal_scenario() with vendors (an entrant), an event that enters it, a [[correlation]]
/// and a [report]: every table of the format present once.
std::string every_table() {
  return minimal_scenario() +
         "[data.vendors]\n"
         "2024 = { A = 0.5, B = 0.5 }\n"
         "[vendors]\n"
         "persistence = 0.5\n"
         "volatility = 0.1\n"
         "correlation = { uniform = 0.1 }\n"
         "entrants = [{ name = \"C\", entry_event = \"boom\" }]\n"
         "[[event]]\n"
         "name = \"boom\"\n"
         "hazard = 0.1\n"
         "enters = \"C\"\n"
         "entry_share = 0.1\n"
         "[[correlation]]\n"
         "between = [\"spend.persistence\", \"vendors.persistence\"]\n"
         "rho = 0.1\n"
         "[report]\n"
         "quantiles = [0.5]\n";
}

bool has_line(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

std::string unknown_key_message(const std::string& path, const KeyTable& table) {
  return fmt::format("{}: unknown key (expected one of: {})", path, fmt::join(table.names(), ", "));
}

TEST(FormatKeys, TheBaseScenarioIsValid) {
  EXPECT_EQ(problems(every_table()).front(), "loaded")
      << fmt::format("{}", fmt::join(problems(every_table()), "\n"));
}

TEST(FormatKeys, UnknownKeyMessagesListEachTablesKeys) {
  struct Case {
    std::vector<std::string> sets;  // --set assignments that add the unknown key
    std::string path;               // where it is reported
    const KeyTable& table;
  };
  const std::vector<Case> cases{
      {{"zzz=1"}, "zzz", scenario::root_keys()},
      {{"scenario.zzz=1"}, "scenario.zzz", scenario::scenario_keys()},
      {{"simulation.zzz=1"}, "simulation.zzz", scenario::simulation_keys()},
      {{"data.zzz=1"}, "data.zzz", scenario::data_keys()},
      {{"spend.zzz=1"}, "spend.zzz", scenario::spend_keys()},
      {{"vendors.zzz=1"}, "vendors.zzz", scenario::composition_keys("vendors")},
      {{"data.segments={ 2024 = { x = 1.0 } }", "segments.persistence=0.5",
        "segments.volatility=0.1", "segments.zzz=1"},
       "segments.zzz",
       scenario::composition_keys("segments")},
      {{"vendors.correlation={ uniform = 0.1, zzz = 1 }"},
       "vendors.correlation.zzz",
       scenario::composition_correlation_keys()},
      {{"vendors.entrants=[{ name = \"C\", entry_event = \"boom\", zzz = 1 }]"},
       "vendors.entrants[0].zzz",
       scenario::entrant_keys()},
      {{"event.boom.zzz=1"}, "event.boom.zzz", scenario::event_keys()},
      {{"report.zzz=1"}, "report.zzz", scenario::report_keys()},
  };
  for (const Case& c : cases)
    EXPECT_TRUE(has_line(problems(every_table(), c.sets), unknown_key_message(c.path, c.table)))
        << c.path << ": " << fmt::format("{}", fmt::join(problems(every_table(), c.sets), "\n"));

  std::string text = every_table();
  text.replace(text.find("rho = 0.1\n"), 10, "rho = 0.1\nzzz = 1\n");  // in [[correlation]]
  const auto correlation = problems(text);
  EXPECT_TRUE(has_line(correlation,
                       unknown_key_message("correlation[0].zzz", scenario::correlation_keys())))
      << fmt::format("{}", fmt::join(correlation, "\n"));

  for (const scenario::DistForm& form : scenario::dist_forms()) {
    const auto lines = problems(
        every_table(), {fmt::format("spend.volatility={{ dist = \"{}\", zzz = 1 }}", form.name)});
    EXPECT_TRUE(has_line(lines, unknown_key_message("spend.volatility.zzz", *form.keys)))
        << form.name << ": " << fmt::format("{}", fmt::join(lines, "\n"));
  }
}

/// A number just outside `range` (at an open bound, the bound itself).
double outside(const scenario::ValueRange& range) {
  if (std::isfinite(range.lo)) return range.lo_open ? range.lo : range.lo - 1;
  return range.hi_open ? range.hi : range.hi + 1;
}

TEST(FormatKeys, ValuesOutsideATablesRangeAreRefused) {
  struct Place {
    std::string prefix;  // the table's dotted path for --set
    const KeyTable& table;
  };
  const std::vector<Place> places{{"spend", scenario::spend_keys()},
                                  {"vendors", scenario::composition_keys("vendors")},
                                  {"event.boom", scenario::event_keys()}};
  int checked = 0;
  for (const Place& place : places) {
    for (const KeySpec& key : place.table.keys) {
      if ((key.form != Form::value && key.form != Form::number && key.form != Form::integer) ||
          key.range.unbounded())
        continue;
      const std::string path = place.prefix + "." + std::string(key.key);
      const std::string set = fmt::format("{}={}", path, outside(key.range));
      const auto lines = problems(every_table(), {set});
      EXPECT_TRUE(has_line(lines, path + ": out of range"))
          << set << ": " << fmt::format("{}", fmt::join(lines, "\n"));
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);
}

/// Every key of `table` is a property of `schema` (an object's schema) with a description;
/// sub-tables recursively.
void expect_described(const nlohmann::json& schema, const KeyTable& table,
                      const std::string& where) {
  ASSERT_TRUE(schema.contains("properties")) << where;
  EXPECT_EQ(schema.at("properties").size(), table.keys.size()) << where;
  EXPECT_EQ(schema.value("additionalProperties", true), false) << where;
  for (const KeySpec& key : table.keys) {
    const std::string path = where + "." + std::string(key.key);
    ASSERT_TRUE(schema.at("properties").contains(std::string(key.key))) << path;
    const nlohmann::json& property = schema.at("properties").at(std::string(key.key));
    EXPECT_FALSE(property.value("description", std::string()).empty()) << path;
    EXPECT_FALSE(property.value("markdownDescription", std::string()).empty()) << path;
    if (key.form == Form::table) expect_described(property, *key.table, path);
    if (key.form == Form::table_array) expect_described(property.at("items"), *key.table, path);
  }
}

TEST(FormatKeys, TheSchemaDescribesEveryKeyOfEveryTable) {
  const std::string text = scenario::scenario_schema();
  EXPECT_EQ(text, scenario::scenario_schema());
  const nlohmann::json schema = nlohmann::json::parse(text);
  EXPECT_EQ(schema.at("$schema"), "http://json-schema.org/draft-07/schema#");
  expect_described(schema, scenario::root_keys(), "(root)");
  const nlohmann::json& forms = schema.at("definitions").at("distribution").at("oneOf");
  ASSERT_EQ(forms.size(), scenario::dist_forms().size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const scenario::DistForm& form = scenario::dist_forms()[i];
    EXPECT_EQ(forms[i].at("properties").at("dist").at("const"), form.name);
    EXPECT_EQ(forms[i].at("properties").size(), form.keys->keys.size()) << form.name;
  }
}

TEST(FormatKeys, TheSchemaCarriesTheTablesRanges) {
  const nlohmann::json schema = nlohmann::json::parse(scenario::scenario_schema());
  const nlohmann::json& spend = schema.at("properties").at("spend").at("properties");
  // persistence is in [0, 1]: its constant form says so.
  const nlohmann::json& constant = spend.at("persistence").at("oneOf").at(0);
  EXPECT_EQ(constant.at("minimum"), 0);
  EXPECT_EQ(constant.at("maximum"), 1);
  const nlohmann::json& paths =
      schema.at("properties").at("simulation").at("properties").at("paths");
  EXPECT_EQ(paths.at("maximum"), 10000000000);
  EXPECT_EQ(paths.at("type"), "integer");
}

TEST(FormatKeys, TheSchemasIntervalPatternIsWhatValidateReads) {
  const nlohmann::json schema = nlohmann::json::parse(scenario::scenario_schema());
  const std::regex pattern(schema.at("definitions").at("interval").at("pattern").get<std::string>(),
                           std::regex::ECMAScript);
  const std::vector<std::string> texts{"0.1 to 0.3", "1e-3 to 2E2", "1_000 to 2_000", ".5 to 1.",
                                       "-1 to +2",   " 1\tto  2 ",  "1 - 2",          "low to high",
                                       "1 to",       "1to2",        "1__0 to 20",     "1_ to 2",
                                       "inf to 5",   "0x1 to 2",    "1 to 2 to 3",    "1e to 2",
                                       "- to 2",     "1 TO 2",      "1e1_0 to 2e10"};
  for (const std::string& text : texts) {
    const auto lines = problems(every_table(), {"spend.long_run_growth=\"" + text + "\""});
    const bool read = !has_line(lines, "spend.long_run_growth: invalid value");
    EXPECT_EQ(std::regex_match(text, pattern), read) << text;
  }
}

}  // namespace
}  // namespace spendcast::testing
