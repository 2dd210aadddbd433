// The result JSON reads back to the same state, and the CSV is well-formed tidy data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../sim/fixtures.hpp"
#include "report/atomic_file.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/summary_table.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::report {
namespace {

using namespace spendcast::testing;

struct Fixture {
  scenario::ScenarioSpec spec;
  model::Model model;
  sim::ForecastRun run;
  RunInfo info;
};

Fixture make(bool exact) {
  scenario::ScenarioSpec spec = stress_spec();
  spec.simulation.steps_per_year = 2;
  spec.report.thresholds.push_back({"spend", {50, 100}});
  spec.report.thresholds.push_back({"share.Anthropic", {0.3}});
  model::Model model = model::compile_model(spec);
  sim::ForecastRunOptions o;
  o.paths = 3000;
  o.seed = 5;
  o.threads = 2;
  o.accumulator.exact = exact;
  sim::ForecastRun run = sim::run_forecast(model, o);
  RunInfo info;
  info.paths = run.paths;
  info.seed = 5;
  info.threads = 2;
  info.steps_per_year = 2;
  info.exact = exact;
  info.relative_accuracy = exact ? 0 : 1e-3;
  info.engine_version = "test";
  return {spec, std::move(model), std::move(run), info};
}

TEST(ResultJson, RoundTripsTheStateBitwise) {
  for (bool exact : {false, true}) {
    const Fixture f = make(exact);
    const auto j = result_to_json(f.spec, f.info, f.run.accumulator);
    // Through text, as a file would.
    const ResultFile back = result_from_json(nlohmann::json::parse(j.dump()), "memory");
    EXPECT_TRUE(back.accumulator == f.run.accumulator) << exact;
    EXPECT_EQ(back.scenario_name, "test");
    EXPECT_EQ(back.run.paths, 3000u);
    EXPECT_EQ(back.run.exact, exact);
    // The numbers in "metrics" are those of the state.
    const stats::Forecast forecast = back.accumulator.forecast();
    const int row = forecast.layout().index_of("share.Anthropic");
    EXPECT_EQ(j["metrics"]["share.Anthropic"]["2027"]["quantiles"]["0.5"].get<double>(),
              forecast.quantile(row, 2, 0.5).value);
    EXPECT_EQ(j["metrics"]["spend"]["2030"]["mean"].get<double>(), forecast.metric(0, 5).mean);
    EXPECT_TRUE(j["metrics"]["cagr"].contains("2030"));
    EXPECT_FALSE(j["metrics"]["cagr"].contains("2029"));
    EXPECT_FALSE(j["metrics"].contains("event.correction"));  // events are probabilities
    EXPECT_TRUE(j["probabilities"]["events"].contains("correction"));
    EXPECT_TRUE(j["probabilities"]["pairs"].contains("OpenAI>Anthropic"));
    double total = 0;
    for (const auto& [year, e] : j["probabilities"]["spend_first_year"]["100"].items())
      total += e["p"].get<double>();
    EXPECT_NEAR(total, 1.0, 1e-12);
  }
}

TEST(ResultJson, RejectsOtherDocumentsWithTheirOrigin) {
  EXPECT_THROW(
      {
        try {
          result_from_json(nlohmann::json{{"format", "something/2"}}, "x.json");
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find("x.json: not a spendcast result"),
                    std::string::npos);
          throw;
        }
      },
      std::runtime_error);
  EXPECT_THROW(result_from_json(nlohmann::json::array(), "y.json"), std::runtime_error);
  EXPECT_THROW(read_result_file("/nonexistent/result.json"), std::runtime_error);
}

/// The fields of one CSV line (RFC 4180 quoting).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

TEST(ResultCsv, IsTidyAndCarriesTheForecastsNumbers) {
  const Fixture f = make(false);
  const stats::Forecast forecast = f.run.accumulator.forecast();
  const std::vector<std::string> overrides{"spend.volatility=0.2", "scenario.title=\"a, b\""};
  const std::string csv = result_to_csv("stress \"x\", y", overrides, forecast);
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "scenario,variant,metric,year,statistic,value");
  std::size_t rows = 0, never_rows = 0;
  bool found_median = false;
  while (std::getline(lines, line)) {
    ++rows;
    const std::vector<std::string> field = csv_fields(line);
    ASSERT_EQ(field.size(), 6u) << line;
    ASSERT_EQ(field[0], "stress \"x\", y") << line;
    ASSERT_EQ(field[1], "spend.volatility=0.2; scenario.title=\"a, b\"") << line;
    // Every year is an integer (pandas reads the column as int64), in the run's years.
    std::size_t used = 0;
    const int year = std::stoi(field[3], &used);
    ASSERT_EQ(used, field[3].size()) << line;
    ASSERT_GE(year, forecast.layout().years.front()) << line;
    ASSERT_LE(year, forecast.layout().years.back()) << line;
    // Every number is the shortest text that reads back to the same double.
    const double value = std::strtod(field[5].c_str(), nullptr);
    ASSERT_EQ(field[5], csv_number(value)) << line;
    if (field[2] == "spend" && field[3] == "2030" && field[4] == "q0.5") {
      found_median = true;
      EXPECT_EQ(value, forecast.quantile(0, 5, 0.5).value);
    }
    if (field[4] == "p_never") {
      ++never_rows;
      EXPECT_EQ(year, forecast.layout().years.back());
    }
  }
  EXPECT_TRUE(found_median);
  EXPECT_EQ(never_rows, forecast.layout().first_year_spend_thresholds.size());
  EXPECT_GT(never_rows, 0u);
  EXPECT_GT(rows, 1000u);
}

TEST(ResultCsv, NumbersAreShortestRoundTrip) {
  EXPECT_EQ(csv_number(0.68335), "0.68335");
  EXPECT_EQ(csv_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(csv_number(13.8), "13.8");
  EXPECT_EQ(csv_number(-0.0), "-0");
  for (const double x : {1e-300, 123456789.123, 2.0 / 3.0, 5e-324})
    EXPECT_EQ(std::strtod(csv_number(x).c_str(), nullptr), x);
}

TEST(AtomicFile, WritesWholeFilesOrNothing) {
  const auto dir = std::filesystem::temp_directory_path() / "spendcast_atomic_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.json").string();
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "second");
  // A file in a folder that does not exist: an error naming it, and nothing left behind.
  EXPECT_THROW(write_file_atomically((dir / "missing" / "x.json").string(), "x"),
               std::runtime_error);
  EXPECT_THROW(write_file_atomically(dir.string(), "x"), std::runtime_error);  // a directory
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, AStopBeforeTheRenamesWritesNothing) {
  const auto dir = std::filesystem::temp_directory_path() / "spendcast_atomic_stop_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string json = (dir / "r.json").string(), csv = (dir / "r.csv").string();
  write_file_atomically(csv, "old");
  const std::atomic<bool> stop{true};  // Ctrl-C came while the outputs were being made
  const std::vector<OutputFile> files{{json, "new json"}, {csv, "new csv"}};
  std::ostringstream out;
  EXPECT_FALSE(write_outputs(files, out, &stop));
  std::ifstream in(csv);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}), "old");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u);  // no JSON, no temporary
  const std::atomic<bool> go{false};
  EXPECT_TRUE(write_outputs(files, out, &go));
  EXPECT_TRUE(std::filesystem::exists(json));
  std::filesystem::remove_all(dir);
}

TEST(SummaryTable, FitsOneHundredColumnsAndRoundsForReading) {
  const Fixture f = make(false);
  const std::string table = summary_table(f.spec, f.info, f.run.accumulator.forecast());
  std::istringstream lines(table);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    // Width in characters (UTF-8: count non-continuation bytes).
    std::size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    EXPECT_LE(width, 100u) << line;
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing blanks: '" << line << "'";
  }
  EXPECT_GT(count, 20u);
  EXPECT_NE(table.find("P(leads)"), std::string::npos);
  EXPECT_NE(table.find("3000 paths · seed 5"), std::string::npos);
  EXPECT_EQ(format_spend(13.8), "13.8");
  EXPECT_EQ(format_spend(101.4), "101");
  EXPECT_EQ(format_spend(1234.5), "1230");
  EXPECT_EQ(format_spend(3.14159), "3.14");
  EXPECT_EQ(format_percent(0.3412), "34");
  EXPECT_EQ(format_percent(0.049), "4.9");
  EXPECT_EQ(format_percent(0.0004), "<0.1");
  EXPECT_EQ(format_percent(0), "0");
}

TEST(SummaryTable, EscapesControlCharactersOfTheTitleLikeShow) {
  Fixture f = make(false);
  f.spec.title = std::string("red \x1b[31m and nul ") + '\0' + " end";
  const std::string table = summary_table(f.spec, f.info, f.run.accumulator.forecast());
  for (const char c : table)
    EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << static_cast<int>(c);
  EXPECT_NE(table.find("red \\u001B[31m and nul \\u0000 end"), std::string::npos) << table;
}

}  // namespace
}  // namespace spendcast::report
