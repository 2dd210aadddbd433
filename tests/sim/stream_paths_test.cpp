// StreamPaths (model/stream_paths.hpp): paths whose every random component reads path + N
// are bitwise the plain run's paths N.. (so every component of the kernel consults its
// offset), and moving one component changes the paths while leaving the others' draws.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "model/model.hpp"
#include "sim/simulate.hpp"

namespace spendcast::sim {
namespace {

using testing::stress_spec;
using testing::ValueStore;

ValueStore run_with(const model::Model& model, std::uint64_t first, std::uint64_t paths,
                    model::StreamPaths streams, std::size_t block = 64) {
  SimulationOptions o;
  o.seed = model.seed;
  o.first_path = first;
  o.paths = paths;
  o.total_paths = paths;
  o.design_first = first;
  o.block_size = block;
  o.threads = 2;
  o.streams = std::move(streams);
  const std::size_t metrics = model.layout->metrics.size(), years = model.layout->years.size();
  return simulate<ValueStore>(model, o, [&] {
    ValueStore s(metrics, years, paths);
    s.set_offset(first);
    return s;
  });
}

model::StreamPaths everything_at(const model::Model& model, std::uint64_t offset) {
  model::StreamPaths s;
  s.theta.assign(model.thetas.size(), offset);
  s.event.assign(model.events.size(), offset);
  s.noise = offset;
  return s;
}

TEST(StreamPaths, EveryComponentAtPathPlusNIsThePlainRunsPathsFromN) {
  const model::Model model = model::compile_model(stress_spec());
  constexpr std::uint64_t n = 300;
  const ValueStore plain = run_with(model, n, n, {});
  const ValueStore moved = run_with(model, 0, n, everything_at(model, n), 50);
  EXPECT_EQ(plain.raw(), moved.raw());
  // And the default is each path's own numbers.
  EXPECT_EQ(run_with(model, 0, n, {}).raw(), run_with(model, 0, n, everything_at(model, 0)).raw());
}

TEST(StreamPaths, EachComponentMovesOnlyItsOwnDraws) {
  const model::Model model = model::compile_model(stress_spec());
  constexpr std::uint64_t n = 200;
  const ValueStore plain = run_with(model, 0, n, {});
  const ValueStore all = run_with(model, 0, n, everything_at(model, n));
  std::vector<model::StreamPaths> parts;
  for (std::size_t t = 0; t < model.thetas.size(); ++t) {
    if (model.thetas[t].distribution.is_constant()) continue;
    model::StreamPaths s;
    s.theta.assign(model.thetas.size(), 0);
    s.theta[t] = n;
    parts.push_back(s);
  }
  for (std::size_t e = 0; e < model.events.size(); ++e) {
    model::StreamPaths s;
    s.event.assign(model.events.size(), 0);
    s.event[e] = n;
    parts.push_back(s);
  }
  parts.push_back(model::StreamPaths{{}, {}, n});
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const ValueStore one = run_with(model, 0, n, parts[k]);
    EXPECT_NE(one.raw(), plain.raw()) << "component " << k << " changed nothing";
    EXPECT_NE(one.raw(), all.raw()) << "component " << k << " moved everything";
  }
}

}  // namespace
}  // namespace spendcast::sim
