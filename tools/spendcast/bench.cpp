#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "bench_machine.hpp"
#include "bench_result.hpp"
#include "commands.hpp"
#include "model/model.hpp"
#include "outputs.hpp"
#include "report/atomic_file.hpp"
#include "scenario/load.hpp"
#include "sim/block_kernel.hpp"
#include "sim/forecast_run.hpp"
#include "sim/kernel_floor.hpp"
#include "sim/simulate.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

#ifndef SPENDCAST_SOURCE_DIR
#define SPENDCAST_SOURCE_DIR "."
#endif

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// The run default at 100 000 paths.
const std::size_t kernel_block = sim::resolve_block_size(0, 100'000, 1);

/// The bundled benchmark workloads, bench/scenarios/ of the source tree.
std::vector<std::string> default_scenarios() {
  const std::string folder = std::string(SPENDCAST_SOURCE_DIR) + "/bench/scenarios/";
  std::vector<std::string> files;
  for (const char* name : {"ref-baseline.toml", "ref-growth-only.toml"})
    if (std::filesystem::exists(folder + name)) files.push_back(folder + name);
  if (files.empty())
    throw UsageError(
        "spendcast bench: the bundled benchmark scenarios (bench/scenarios/ of the source "
        "tree) are not there; name the scenario files to time");
  return files;
}

/// "1,2,4" as thread counts; by default 1, 2, 4, … up to every core (and every core).
std::vector<int> thread_counts(const CommandLine& line, const po::variables_map& vm) {
  std::vector<int> counts;
  if (!vm.count("threads")) {
    const int cores = sim::resolve_threads(0);
    for (int t = 1; t < cores; t *= 2) counts.push_back(t);
    counts.push_back(cores);
    return counts;
  }
  const std::string text = vm["threads"].as<std::string>();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int value = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (ec != std::errc() || end != item.data() + item.size() || value < 1 || value > 4096)
      throw UsageError(fmt::format(
          "spendcast bench: --threads {}: '{}' is not a thread count; expected whole numbers "
          "from 1 separated by commas, e.g. 1,2,4; {}",
          text, item, see_help(line.name)));
    if (std::find(counts.begin(), counts.end(), value) == counts.end()) counts.push_back(value);
    start = comma + 1;
  }
  return counts;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Whole runs (simulate and accumulate) at each thread count: a warm-up, then `repeat`.
void time_runs(const model::Model& model, std::uint64_t paths, const std::vector<int>& threads,
               int repeat, ScenarioTiming& timing) {
  const double path_steps = static_cast<double>(paths) * model.steps();
  for (int t : threads) {
    sim::ForecastRunOptions options;
    options.paths = paths;
    options.seed = model.seed;
    options.threads = t;
    sim::run_forecast(model, options);  // warm-up: pages, caches, the thread pool
    ThreadTiming r;
    r.threads = t;
    std::vector<double> rates, ns;
    for (int k = 0; k < repeat; ++k) {
      const sim::ForecastRun run = sim::run_forecast(model, options);
      const double s = std::max(run.elapsed_s, 1e-9);
      r.seconds.push_back(s);
      rates.push_back(path_steps / s);
      ns.push_back(1e9 * s / path_steps);
    }
    r.path_steps_per_s = spread_of(rates);
    r.ns_per_path_step = spread_of(ns);
    timing.runs.push_back(r);
  }
  const ThreadTiming* one = nullptr;
  for (const auto& r : timing.runs)
    if (r.threads == 1) one = &r;
  if (one)
    for (auto& r : timing.runs)
      r.efficiency = r.path_steps_per_s.median / (r.threads * one->path_steps_per_s.median);
}

/// BlockKernel::run on one thread against the floor of its random numbers
/// (sim/kernel_floor.hpp), in 1024-path blocks, interleaved: ns per path-step.
void time_kernel(const model::Model& model, std::uint64_t paths, int repeat,
                 ScenarioTiming& timing) {
  const std::uint64_t blocks =
      std::max<std::uint64_t>(1, (paths + kernel_block - 1) / kernel_block);
  const double path_steps = static_cast<double>(blocks * kernel_block) * model.steps();
  sim::BlockKernel kernel(model, model.seed, blocks * kernel_block);
  sim::KernelFloor floor(model, kernel_block);
  volatile double sink = 0;
  const auto time_kernel_once = [&] {
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t b = 0; b < blocks; ++b)
      sink = sink + kernel.run(b * kernel_block, kernel_block).values[0];
    return 1e9 * seconds_since(start) / path_steps;
  };
  const auto time_floor_once = [&] {
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t b = 0; b < blocks; ++b)
      for (int step = 1; step <= model.steps(); ++step) floor.run_step(b * kernel_block, step);
    sink = sink + floor.data()[0];
    return 1e9 * seconds_since(start) / path_steps;
  };
  time_kernel_once();
  time_floor_once();
  std::vector<double> k, f;
  for (int i = 0; i < repeat; ++i) {
    f.push_back(time_floor_once());
    k.push_back(time_kernel_once());
  }
  timing.kernel_ns = spread_of(k);
  timing.floor_ns = spread_of(f);
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// The Python that runs bench/numpy_baseline.py: $SPENDCAST_PYTHON, or /usr/bin/python3
/// (where Debian's python3-numpy is).
std::string python() {
  const char* p = std::getenv("SPENDCAST_PYTHON");
  return p && *p ? p : "/usr/bin/python3";
}

std::string numpy_script() {
  return std::string(SPENDCAST_SOURCE_DIR) + "/bench/numpy_baseline.py";
}

/// Fails early, before any timing, when the NumPy baseline cannot run.
void check_numpy() {
  if (!std::filesystem::exists(numpy_script()))
    throw std::runtime_error(
        "--with-numpy: bench/numpy_baseline.py is not in the source tree this program was "
        "built from");
  const std::string command = shell_quote(python()) + " -c 'import numpy' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error(fmt::format(
        "--with-numpy: {} cannot import numpy; install it (Debian: apt install python3-numpy) "
        "or leave out --with-numpy",
        python()));
}

/// Runs bench/numpy_baseline.py on `file` (a warm-up and `repeat` timed runs) and returns
/// its path-steps per second.
Spread time_numpy(const std::string& file, std::uint64_t paths, int repeat) {
  const std::string command =
      fmt::format("{} {} {} --paths {} --bench {}", shell_quote(python()),
                  shell_quote(numpy_script()), shell_quote(file), paths, repeat);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("--with-numpy: cannot start " + python());
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0)
    throw std::runtime_error(fmt::format(
        "--with-numpy: bench/numpy_baseline.py failed on {} (its message is above)", file));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(output.substr(output.rfind('{')));
  } catch (const std::exception&) {
    throw std::runtime_error("--with-numpy: bench/numpy_baseline.py printed no timing");
  }
  std::vector<double> rates;
  for (double s : j.at("seconds")) rates.push_back(j.at("path_steps").get<double>() / s);
  return spread_of(rates);
}

/// Adds bench's options, positional scenarios and epilogue to `line`.
void add_bench_options(CommandLine& line) {
  // clang-format off
  line.options.add_options()
    ("threads", po::value<std::string>(), "thread counts to time, e.g. 1,2,4 (default: 1, 2, 4, ... up to every core)")
    ("paths", po::value<std::string>(), "paths per run (default: the scenario's; 1e5 is fine)")
    ("repeat", po::value<int>()->default_value(5), "timed repetitions after the warm-up")
    ("json", po::value<std::string>(), "write the measurements to FILE (\"format\": \"spendcast-bench/1\")")
    ("compare-to", po::value<std::string>(), "print the change against an earlier --json FILE")
    ("with-numpy", "also time bench/numpy_baseline.py (/usr/bin/python3 with NumPy) and report engine/NumPy");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  line.positional.add("scenario", -1);
  line.epilogue =
      "Without SCENARIO, times the bundled workloads bench/scenarios/ref-baseline.toml and\n"
      "ref-growth-only.toml. See docs/PERFORMANCE.md, \"How to benchmark\".\n";
}

/// Times the scenario `spec` (read from `file`) at each of `threads`, its kernel alone and,
/// `with_numpy`, bench/numpy_baseline.py on `file`, `repeat` times each; progress to `err`.
ScenarioTiming time_scenario(const scenario::ScenarioSpec& spec, const std::string& file,
                             const std::vector<int>& threads, int repeat, bool with_numpy,
                             std::ostream& err) {
  const model::Model model = model::compile_model(spec);
  ScenarioTiming timing;
  timing.name = spec.name;
  timing.paths = spec.simulation.paths;
  timing.steps = model.steps();
  err << fmt::format("timing {} ({} paths x {} steps)...\n", spec.name, timing.paths, timing.steps);
  time_runs(model, timing.paths, threads, repeat, timing);
  time_kernel(model, timing.paths, repeat, timing);
  timing.peak_memory_bytes = peak_memory_bytes();
  if (with_numpy) timing.numpy_path_steps_per_s = time_numpy(file, timing.paths, repeat);
  return timing;
}

}  // namespace

int bench_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("bench", "spendcast bench [SCENARIO...] [options]");
  add_bench_options(line);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const int repeat = vm["repeat"].as<int>();
  if (repeat < 1 || repeat > 1000)
    throw UsageError(fmt::format("spendcast bench: --repeat {}: expected 1 to 1000; {}", repeat,
                                 see_help(line.name)));
  const std::vector<int> threads = thread_counts(line, vm);
  const std::vector<std::string> overrides = scenario_overrides(line, parsed);
  std::vector<std::string> inputs =
      vm.count("scenario") ? vm["scenario"].as<std::vector<std::string>>() : default_scenarios();
  if (vm.count("compare-to")) inputs.push_back(vm["compare-to"].as<std::string>());
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, inputs);
  std::optional<nlohmann::json> old_result;
  if (vm.count("compare-to")) old_result = read_bench_json(vm["compare-to"].as<std::string>());
  const bool with_numpy = vm.count("with-numpy") > 0;
  if (with_numpy) check_numpy();
  const std::vector<std::string> files =
      vm.count("scenario") ? vm["scenario"].as<std::vector<std::string>>() : default_scenarios();
  // Every scenario is loaded before any is timed, so a bad file fails at once.
  std::vector<scenario::LoadedScenario> scenarios;
  for (const auto& file : files) scenarios.push_back(scenario::load_scenario_file(file, overrides));

  BenchResult result;
  result.machine = this_machine();
  result.repeat = repeat;
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    result.scenarios.push_back(
        time_scenario(scenarios[i].spec, files[i], threads, repeat, with_numpy, streams.err));

  std::vector<report::OutputFile> written;
  for (const report::OutputRequest& o : outputs)
    written.push_back({o.path, bench_to_json(result).dump(1) + "\n"});
  write_command_outputs(written, streams.out, nullptr);
  if (writes_standard_output(outputs)) return 0;
  streams.out << bench_report(result);
  if (old_result)
    streams.out << bench_comparison(result, *old_result, vm["compare-to"].as<std::string>());
  return 0;
}

}  // namespace spendcast::cli
