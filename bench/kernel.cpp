// The hot loop, per path-step (items_per_second = path-steps per second):
// - kernel_floor/<scenario>: exactly the random numbers and exps one step of the scenario needs
//   (sim/kernel_floor.hpp; for ref-baseline at steps_per_year = 4: 10 generator calls, spend 2,
//   vendors 4, segments 2, events 2; 13 ziggurat normals from the 8 normal calls; 1 exp for
//   the ceiling plus the year-end softmax's 10 exps every 4th step), and nothing else;
// - kernel/<scenario>: BlockKernel::run on ref-baseline (4 steps a year), ref-growth-only
//   (both in bench/scenarios/) and the bundled stress scenario, one thread, blocks of the
//   run default, 512 paths (θ draws and year-end metrics included, accumulation excluded);
// - run/<threads>: whole runs (simulate + accumulate) of ref-baseline, 200000 paths;
// - run_block/<paths per block>: the same on one thread at a given block size.
// Run: build/release/bench/bench_kernel --benchmark_format=json (docs/PERFORMANCE.md).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "model/model.hpp"
#include "scenario/load.hpp"
#include "sim/block_kernel.hpp"
#include "sim/forecast_run.hpp"
#include "sim/kernel_floor.hpp"
#include "sim/simulate.hpp"

namespace {

using namespace spendcast;

/// The run default for big runs on one thread (512).
const std::size_t block = sim::resolve_block_size(0, 1'000'000, 1);

model::Model load(const std::string& path, const std::vector<std::string>& sets = {}) {
  return model::compile_model(scenario::load_scenario_file(path, sets).spec);
}

/// A benchmark workload of bench/scenarios/ by file name.
std::string bench_scenario(const std::string& name) {
  return std::string(SPENDCAST_SOURCE_DIR) + "/bench/scenarios/" + name;
}

// The floor of a model's step loop (sim/kernel_floor.hpp, shared with `spendcast bench`).
void kernel_floor(benchmark::State& state, const std::string& path, std::vector<std::string> sets) {
  const model::Model model = load(path, sets);
  sim::KernelFloor f(model, block);
  std::uint64_t first = 0;
  int step = 0;
  for (auto _ : state) {
    step = step % model.steps() + 1;
    if (step == 1) first += block;
    f.run_step(first, step);
    benchmark::DoNotOptimize(f.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK_CAPTURE(kernel_floor, ref_baseline, bench_scenario("ref-baseline.toml"),
                  std::vector<std::string>{"simulation.steps_per_year=4"});
BENCHMARK_CAPTURE(kernel_floor, ref_growth_only, bench_scenario("ref-growth-only.toml"),
                  std::vector<std::string>{});

// The argument is the block size (paths per block; `block` is the run default).
void kernel(benchmark::State& state, const std::string& path, std::vector<std::string> sets) {
  const model::Model model = load(path, sets);
  const auto paths = static_cast<std::size_t>(state.range(0));
  sim::BlockKernel k(model, model.seed, 1u << 30);
  std::uint64_t first = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(k.run(first, paths).values);
    first += paths;
  }
  state.SetItemsProcessed(state.iterations() * paths * model.steps());
  state.counters["steps"] = model.steps();
}
BENCHMARK_CAPTURE(kernel, ref_baseline, bench_scenario("ref-baseline.toml"),
                  std::vector<std::string>{"simulation.steps_per_year=4"})
    ->Arg(block)
    ->Arg(128)
    ->Arg(256)
    ->Arg(1024)
    ->Arg(4096);
BENCHMARK_CAPTURE(kernel, ref_growth_only, bench_scenario("ref-growth-only.toml"),
                  std::vector<std::string>{})
    ->Arg(block);
BENCHMARK_CAPTURE(kernel, stress, std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/stress.toml",
                  std::vector<std::string>{})
    ->Arg(block);

/// Whole runs of ref-baseline, 200000 paths, on `threads` threads in blocks of `block_size`
/// paths (0: the automatic size).
void whole_runs(benchmark::State& state, int threads, std::size_t block_size) {
  const model::Model model =
      load(bench_scenario("ref-baseline.toml"), {"simulation.steps_per_year=4"});
  sim::ForecastRunOptions options;
  options.paths = 200000;
  options.seed = model.seed;
  options.threads = threads;
  options.block_size = block_size;
  for (auto _ : state) benchmark::DoNotOptimize(sim::run_forecast(model, options).paths);
  state.SetItemsProcessed(state.iterations() * options.paths * model.steps());
}

void run(benchmark::State& state) {
  whole_runs(state, static_cast<int>(state.range(0)), 0);
}
BENCHMARK(run)
    ->DenseRange(1, 2)
    ->Arg(4)
    ->Arg(8)
    ->Arg(16)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One thread at a given block size: the block size changes no result, only how much of a
// block's state stays in the core's caches.
void run_block(benchmark::State& state) {
  whole_runs(state, 1, static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(run_block)
    ->Arg(256)
    ->Arg(512)
    ->Arg(1024)
    ->Arg(2048)
    ->Arg(4096)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
