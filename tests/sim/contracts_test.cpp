// The randomness contract (docs/MODEL.md §6), bitwise: results do not depend on threads, block
// size, how paths are split, unrelated events, or unrelated parameters.
#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

constexpr std::uint64_t paths = 3000;

const model::Model& stress_model() {
  static const model::Model model = model::compile_model(stress_spec());
  return model;
}

TEST(Contracts, ThreadCountDoesNotChangeAnyBit) {
  const ValueStore one = run_all(stress_model(), paths, 1);
  for (int threads : {2, 7}) EXPECT_EQ(run_all(stress_model(), paths, threads).raw(), one.raw());
}

TEST(Contracts, BlockSizeDoesNotChangeAnyBit) {
  const ValueStore reference =
      run_all(stress_model(), {.paths = paths, .threads = 2, .block = 1024});
  for (std::size_t block : {64, 1000, 4096, 1, 0})  // 0: the automatic size
    EXPECT_EQ(run_all(stress_model(), {.paths = paths, .threads = 2, .block = block}).raw(),
              reference.raw())
        << block;
}

TEST(Contracts, PathRangesRunSeparatelyRecombineBitwise) {
  // Two shards of one run (as two processes or machines would run them).
  scenario::ScenarioSpec spec = stress_spec();
  spec.simulation.sampling = scenario::Sampling::lhs;  // strata span the whole run
  const model::Model model = model::compile_model(spec);
  const ValueStore whole = run_all(model, {.paths = paths, .threads = 2, .block = 512});
  const ValueStore head = run_all(model, {.paths = 1234, .block = 100, .total = paths});
  const ValueStore tail = run_all(
      model, {.paths = paths - 1234, .threads = 2, .block = 333, .first = 1234, .total = paths});
  const auto& L = *model.layout;
  for (std::size_t m = 0; m < L.metrics.size(); ++m)
    for (std::size_t y = 0; y < L.years.size(); ++y)
      for (std::uint64_t p = 0; p < paths; ++p) {
        const double expected = whole.at(m, y, p);
        const double got = p < 1234 ? head.at(m, y, p) : tail.at(m, y, p - 1234);
        ASSERT_EQ(got, expected) << L.metrics[m] << " year " << y << " path " << p;
      }
}

TEST(Contracts, AnEventWithZeroHazardChangesNoOtherNumber) {
  scenario::ScenarioSpec spec = stress_spec();
  const model::Model base = model::compile_model(spec);
  scenario::EventSpec silent;
  silent.name = "never";
  silent.hazard = constant(0.0);
  silent.first_year = 2025;
  silent.last_year = 2030;
  silent.spend_jump = constant(0.1);
  spec.events.insert(spec.events.begin(), silent);  // first, to shift every position
  const model::Model with = model::compile_model(spec);
  const ValueStore a = run_all(base, 1000), b = run_all(with, 1000);
  const auto& La = *base.layout;
  const auto& Lb = *with.layout;
  for (std::size_t m = 0; m < La.metrics.size(); ++m) {
    const int mb = Lb.index_of(La.metrics[m]);
    ASSERT_GE(mb, 0);
    for (std::size_t y = 0; y < La.years.size(); ++y)
      EXPECT_EQ(a.column(m, y), b.column(mb, y)) << La.metrics[m];
  }
}

TEST(Contracts, CommonRandomNumbersAcrossScenarios) {
  // Two scenarios differing in one parameter that does not touch spend see the same spend
  // on every path; one that changes spend's drift shifts log spend by exactly the same
  // amount on every path (same noise).
  scenario::ScenarioSpec a = stress_spec();
  a.events.clear();
  a.vendors->categories.pop_back();  // the entrants' events are gone
  a.vendors->categories.pop_back();
  a.vendors->initial_momentum.clear();
  a.vendors->shock_correlation.clear();
  a.spend.long_run_growth = constant(0.2);
  a.spend.ceiling.reset();
  a.spend.persistence = constant(0.5);
  a.correlations.clear();
  scenario::ScenarioSpec b = a;
  b.vendors->volatility = constant(0.5);
  scenario::ScenarioSpec c = a;
  c.spend.long_run_growth = constant(0.3);
  const model::Model ma = model::compile_model(a), mb = model::compile_model(b),
                     mc = model::compile_model(c);
  const ValueStore va = run_all(ma, 500), vb = run_all(mb, 500), vc = run_all(mc, 500);
  EXPECT_EQ(va.column(0, 5), vb.column(0, 5));  // spend, last year
  EXPECT_NE(va.column(2, 5), vb.column(2, 5));  // a vendor share did change
  // ln S_c − ln S_a = Δḡ·T − Δḡ(1 − φ^T)/κ on every path (T = 6, φ = 0.5).
  const double expected = 0.1 * 6 - 0.1 * (1 - std::pow(0.5, 6)) / std::log(2.0);
  for (std::uint64_t p = 0; p < 500; ++p)
    EXPECT_NEAR(std::log(vc.at(0, 5, p)) - std::log(va.at(0, 5, p)), expected, 1e-12);
}

TEST(Contracts, SeedChangesTheNoise) {
  const ValueStore a = run_all(stress_model(), {.paths = 100, .seed = 1});
  const ValueStore b = run_all(stress_model(), {.paths = 100, .seed = 2});
  EXPECT_NE(a.column(0, 5), b.column(0, 5));
}

TEST(Invariants, SharesSumToOneInRangeAndInactiveEntrantsAreZeroEveryStep) {
  const model::Model& model = stress_model();
  BlockKernel kernel(model, model.seed, 20000);
  kernel.check_invariants(true);
  for (std::uint64_t first = 0; first < 20000; first += 1000) kernel.run(first, 1000);
  const auto& r = kernel.invariants();
  EXPECT_EQ(r.steps_checked, 20 * model.steps());
  EXPECT_LT(r.max_sum_error, 1e-12);
  EXPECT_GE(r.min_share, 0.0);
  EXPECT_LE(r.max_share, 1.0);
  EXPECT_EQ(r.inactive_nonzero, 0);
}

TEST(Invariants, EntrantsEnterWithTheirShareExactly) {
  // With no noise and no diversification, an entrant's share at the end of its entry step
  // is the entry share; with m = 1 every step is a year end.
  scenario::ScenarioSpec spec = menlo_spec(2030, 1);
  add_entrant(*spec.vendors, "Newcomer", "entry");
  scenario::EventSpec e;
  e.name = "entry";
  e.hazard = constant(1.0);
  e.first_year = 2027;
  e.last_year = 2030;
  e.enters = "Newcomer";
  e.entry_share = constant(0.07);
  spec.events.push_back(e);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 4);
  const int row = model.layout->index_of("share.Newcomer");
  EXPECT_EQ(v.at(row, 0, 0), 0.0);            // 2025: not yet
  EXPECT_EQ(v.at(row, 1, 0), 0.0);            // 2026
  EXPECT_NEAR(v.at(row, 2, 0), 0.07, 1e-15);  // 2027: entered
  EXPECT_NE(v.at(row, 3, 0), 0.07);           // 2028: the others' momentum moved it
}

}  // namespace
}  // namespace spendcast::sim
