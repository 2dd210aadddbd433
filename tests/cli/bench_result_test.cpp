// spendcast bench's numbers and files: medians and ranges, the JSON read back, the change
// against an earlier run and the note on a different machine, files that are not bench
// results (tests/scripts/bench.sh runs the command itself).
#include "bench_result.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "usage.hpp"

namespace spendcast::cli {
namespace {

BenchResult example() {
  BenchResult r;
  r.machine = {"Example CPU", 4, "x86-64-v3", "avx2 fma", "1.0.0 (git abc)"};
  r.repeat = 3;
  ScenarioTiming s;
  s.name = "ref-baseline";
  s.paths = 1000;
  s.steps = 24;
  for (int t : {1, 2}) {
    ThreadTiming run;
    run.threads = t;
    run.seconds = {0.01, 0.012, 0.011};
    run.path_steps_per_s = {2e6 * t, 1.9e6 * t, 2.1e6 * t};
    run.ns_per_path_step = {500.0 / t, 480.0 / t, 520.0 / t};
    run.efficiency = 1.0;
    s.runs.push_back(run);
  }
  s.kernel_ns = {200, 190, 260};
  s.floor_ns = {100, 99, 101};
  s.peak_memory_bytes = 1 << 25;
  r.scenarios.push_back(s);
  return r;
}

/// A file in the temporary folder, removed at the end of its scope.
struct TempFile {
  TempFile(const std::string& name, const std::string& text)
      : path((std::filesystem::temp_directory_path() / ("spendcast-bench-test-" + name)).string()) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::string path;
};

TEST(BenchResult, SpreadIsMedianMinMax) {
  const Spread odd = spread_of({3.0, 1.0, 2.0});
  EXPECT_EQ(odd.median, 2.0);
  EXPECT_EQ(odd.min, 1.0);
  EXPECT_EQ(odd.max, 3.0);
  EXPECT_EQ(spread_of({4.0, 1.0, 2.0, 3.0}).median, 2.5);
  EXPECT_DOUBLE_EQ(odd.relative_range(), 1.0);
}

TEST(BenchResult, ReportWarnsOnLargeSpreadOnly) {
  const std::string text = bench_report(example());
  EXPECT_NE(text.find("machine: Example CPU, 4 logical cores"), std::string::npos) << text;
  EXPECT_NE(text.find("kernel/floor 2.00"), std::string::npos) << text;
  // the kernel's repetitions spread over 35 % of the median; throughputs over 10 %
  EXPECT_NE(text.find("warning: ref-baseline, kernel: the repetitions spread over 35.0 %"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("warning: ref-baseline, floor"), std::string::npos) << text;
}

TEST(BenchResult, ComparisonAgainstItsOwnJsonIsOne) {
  const BenchResult r = example();
  const TempFile file("same.json", bench_to_json(r).dump());
  const std::string text = bench_comparison(r, read_bench_json(file.path), file.path);
  // one row per thread count, each new/old = 1.000
  std::size_t ones = 0;
  for (auto at = text.find("1.000"); at != std::string::npos; at = text.find("1.000", at + 1))
    ++ones;
  EXPECT_EQ(ones, 2u) << text;
  EXPECT_EQ(text.find("machines differ"), std::string::npos) << text;
  EXPECT_EQ(text.find("slower\n"), std::string::npos) << text;
}

TEST(BenchResult, ComparisonReportsTheChangeAndTheMachine) {
  BenchResult old = example();
  old.machine.cpu = "Other CPU";
  old.scenarios[0].runs[1].path_steps_per_s.median *= 2;  // 2 threads were twice as fast
  const TempFile file("old.json", bench_to_json(old).dump());
  const std::string text = bench_comparison(example(), read_bench_json(file.path), file.path);
  EXPECT_NE(text.find("0.500"), std::string::npos) << text;
  EXPECT_NE(text.find("slower\n"), std::string::npos) << text;
  EXPECT_NE(text.find("note: the machines differ (cpu 'Other CPU' then, 'Example CPU' now)"),
            std::string::npos)
      << text;
}

TEST(BenchResult, OtherFilesAreUsageErrors) {
  const auto message = [](const std::string& text) {
    try {
      const TempFile file("bad.json", text);
      read_bench_json(file.path);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("{\"format\": \"spendcast-result/1\"}")
                .find("not a spendcast bench result: \"format\" is \"spendcast-result/1\""),
            std::string::npos);
  EXPECT_NE(message("[1, 2").find("not JSON"), std::string::npos);
  EXPECT_NE(message("{\"format\": \"spendcast-bench/1\", \"scenarios\": [{\"name\": \"x\", "
                    "\"runs\": [{\"threads\": 1}]}]}")
                .find("scenarios[0].runs[0] lacks"),
            std::string::npos);
  EXPECT_THROW(read_bench_json("/nonexistent/bench.json"), UsageError);
}

}  // namespace
}  // namespace spendcast::cli
