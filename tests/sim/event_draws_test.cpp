// EventDraws (sim/event_draws.hpp) replays an event's stream as the kernel draws it: its
// firings by each year are the kernel's fired indicators on every path, and an entrant
// that enters in the first step has the replayed entry share at that year's end.
#include "sim/event_draws.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "model/parameter_draws.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

TEST(EventDraws, FiringsMatchTheKernelOnEveryPathAndYear) {
  const model::Model model = model::compile_model(stress_spec());
  constexpr std::uint64_t n = 400;
  const ValueStore v = run_all(model, {.paths = n, .threads = 2, .block = 64});
  model::ParameterDraws theta;
  theta.draw(model, model.seed, 0, n, 0, n);
  const stats::MetricLayout& layout = *model.layout;
  std::size_t fired_somewhere = 0;
  for (std::size_t e = 0; e < model.events.size(); ++e) {
    const EventDraws draws(model, e);
    std::vector<double> out(draws.names().size());
    for (std::size_t y = 0; y < layout.years.size(); ++y)
      for (std::uint64_t p = 0; p < n; ++p) {
        const int count = draws.replay(model.seed, p, theta.value(model.events[e].hazard_theta, p),
                                       layout.years[y], out.data());
        const double kernel = v.at(static_cast<std::size_t>(layout.event_metrics[e]), y, p);
        ASSERT_EQ(count > 0 ? 1.0 : 0.0, kernel)
            << model.events[e].name << " " << layout.years[y] << " path " << p;
        ASSERT_LE(count, model.events[e].max_count);
        fired_somewhere += count > 0;
      }
  }
  EXPECT_GT(fired_somewhere, 1000u);
  // The inputs that vary: the correction's time, jump and duration; the entrant's time
  // and entry share; the second entrant's time and Google's momentum shift.
  EXPECT_EQ(EventDraws(model, 0).names(),
            (std::vector<std::string>{"event.correction.time", "event.correction.spend_jump",
                                      "event.correction.duration"}));
  EXPECT_EQ(EventDraws(model, 1).names(),
            (std::vector<std::string>{"event.new-entrant.time", "event.new-entrant.entry_share"}));
  EXPECT_EQ(EventDraws(model, 2).names(),
            (std::vector<std::string>{"event.second-entrant.time",
                                      "event.second-entrant.momentum_shift.Google"}));
}

TEST(EventDraws, TheEntryShareIsTheEntrantsShareAtEntry) {
  const scenario::ScenarioSpec s = certain_entrant_spec();
  const model::Model model = model::compile_model(s);
  constexpr std::uint64_t n = 200;
  const ValueStore v = run_all(model, n);
  const EventDraws draws(model, 0);
  ASSERT_EQ(draws.names(), std::vector<std::string>{"event.entry.entry_share"});
  const int share_row = model.layout->index_of("share.Entrant");
  double out = 0;
  for (std::uint64_t p = 0; p < n; ++p) {
    ASSERT_EQ(draws.replay(model.seed, p, 1.0, 2025, &out), 1);
    EXPECT_NEAR(v.at(static_cast<std::size_t>(share_row), 0, p), out, 1e-12) << "path " << p;
    EXPECT_GT(out, 0.02);
    EXPECT_LT(out, 0.3);
  }
  // Not fired by 2024's end (no step yet): the neutral value.
  EXPECT_EQ(draws.replay(model.seed, 0, 1.0, 2024, &out), 0);
  EXPECT_EQ(out, 0.0);
}

}  // namespace
}  // namespace spendcast::sim
