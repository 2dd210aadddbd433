#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench_machine.hpp"

namespace spendcast::cli {

/// The JSON "format" of a `spendcast bench` result (docs/PERFORMANCE.md).
inline constexpr const char* bench_format = "spendcast-bench/1";

/// The median and range of repeated measurements.
struct Spread {
  double median = 0.0, min = 0.0, max = 0.0;
  /// (max − min) / median: the noise of the repetitions, relative.
  double relative_range() const { return median > 0 ? (max - min) / median : 0.0; }
};

/// The median, minimum and maximum of `samples` (not empty).
Spread spread_of(std::vector<double> samples);

/// Whole runs of one scenario at one thread count.
struct ThreadTiming {
  int threads = 1;
  std::vector<double> seconds;  ///< wall-clock seconds of each repetition (warm-up excluded)
  Spread path_steps_per_s, ns_per_path_step;
  std::optional<double> efficiency;  ///< throughput / (threads × throughput at 1 thread)
};

/// Everything `spendcast bench` measured for one scenario.
struct ScenarioTiming {
  std::string name;
  std::uint64_t paths = 0;
  int steps = 0;  ///< steps per path
  std::vector<ThreadTiming> runs;
  Spread kernel_ns, floor_ns;           ///< one thread, per path-step: BlockKernel and its floor
  std::uint64_t peak_memory_bytes = 0;  ///< the process's high-water mark after this scenario
  std::optional<Spread> numpy_path_steps_per_s;  ///< bench/numpy_baseline.py, when run
};

/// A whole bench run.
struct BenchResult {
  MachineDescription machine;
  int repeat = 0;
  std::vector<ScenarioTiming> scenarios;
};

/// The result as JSON (format bench_format).
nlohmann::json bench_to_json(const BenchResult& result);

/// The result as the plain-text report: the machine, one table row per scenario and thread
/// count, then the kernel against its floor, peak memory and NumPy per scenario, and a
/// warning for each measurement whose repetitions spread over more than 10 % of the median.
std::string bench_report(const BenchResult& result);

/// A bench result read back, checked: `path` for messages. Throws UsageError naming the
/// file and what is missing when it is not a `spendcast bench --json` file.
nlohmann::json read_bench_json(const std::string& path);

/// The change from `old_result` (read from `old_path`) to `result`: new/old ratios of the
/// median path-steps/s per scenario and thread count, and a note when the machines differ.
std::string bench_comparison(const BenchResult& result, const nlohmann::json& old_result,
                             const std::string& old_path);

}  // namespace spendcast::cli
