// KernelFloor draws what BlockKernel draws for a model (its streams, draw numbers and
// generator calls per step), without the model: the floor `spendcast bench` and bench_kernel
// time the kernel against.
#include "sim/kernel_floor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "random/normal_pairs.hpp"
#include "random/uniform.hpp"
#include "scenario/load.hpp"

namespace spendcast::sim {
namespace {

model::Model bench_model(const std::string& name, const std::vector<std::string>& sets = {}) {
  return model::compile_model(
      scenario::load_scenario_file(std::string(SPENDCAST_SOURCE_DIR) + "/bench/scenarios/" + name,
                                   sets)
          .spec);
}

TEST(KernelFloor, CallsPerStepFollowTheModel) {
  // ref-baseline: spend growth and level noise (2), 7 vendors in pairs (4), 3 segments (2),
  // two events (2): the 10 generator calls docs/PERFORMANCE.md counts.
  EXPECT_EQ(KernelFloor(bench_model("ref-baseline.toml"), 64).calls_per_step(), 10u);
  // ref-growth-only: growth noise only (1), 6 vendors (3).
  EXPECT_EQ(KernelFloor(bench_model("ref-growth-only.toml"), 64).calls_per_step(), 4u);
  // noise switched off is not drawn, as in BlockKernel
  EXPECT_EQ(KernelFloor(bench_model("ref-growth-only.toml",
                                    {"spend.growth_volatility=0", "vendors.volatility=0"}),
                        64)
                .calls_per_step(),
            0u);
}

TEST(KernelFloor, DrawsTheKernelsStreams) {
  const model::Model model = bench_model("ref-baseline.toml");
  const std::size_t n = 16;
  KernelFloor floor(model, n);
  const std::uint64_t first = 4096;
  const int step = 3;
  floor.run_step(first, step);
  const double* d = floor.data();
  const auto spend = random::stream_key(model.seed, "spend");
  const auto vendors = random::stream_key(model.seed, "vendors");
  for (std::size_t i = 0; i < n; ++i) {
    // call 0: spend's growth noise (draw 0), call 2: the first vendor pair (draw 0)
    const auto growth = random::normal_pair(spend, first + i, step, 0);
    EXPECT_EQ(d[i], growth.first);
    EXPECT_EQ(d[n + i], growth.second);
    const auto level = random::normal_pair(spend, first + i, step, 1);
    EXPECT_EQ(d[2 * n + i], level.first);
    EXPECT_EQ(d[4 * n + i], random::normal_pair(vendors, first + i, step, 0).first);
    // the last call: the second event's firing uniform
    const auto event = random::stream_key(model.seed, "event:" + model.events[1].name);
    EXPECT_EQ(d[18 * n + i], random::uniform_pair(event, first + i, step, 0).first);
  }
}

}  // namespace
}  // namespace spendcast::sim
