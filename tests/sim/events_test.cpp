// Events (docs/MODEL.md §4): per-step hazard, windows, max_count, and each effect's size.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fixtures.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

scenario::EventSpec event(const std::string& name, double hazard, int from = 2025,
                          int until = 2030) {
  scenario::EventSpec e;
  e.name = name;
  e.hazard = constant(hazard);
  e.first_year = from;
  e.last_year = until;
  return e;
}

class EventFrequency : public ::testing::TestWithParam<int> {};

TEST_P(EventFrequency, FiredByYearKIsOneMinusSurvival) {
  const int m = GetParam();
  scenario::ScenarioSpec spec = menlo_spec(2030, m);
  spec.events.push_back(event("shock", 0.15));
  scenario::EventSpec windowed = event("windowed", 0.4, 2027, 2028);
  windowed.max_count = 3;
  spec.events.push_back(windowed);
  const model::Model model = model::compile_model(spec);
  const std::uint64_t n = 20000;
  const ValueStore v = run_all(model, n, 2);
  const int shock = model.layout->index_of("event.shock");
  const int win = model.layout->index_of("event.windowed");
  for (int k = 1; k <= 6; ++k) {
    const auto col = v.column(shock, k - 1);
    const double p_hat = std::accumulate(col.begin(), col.end(), 0.0) / n;
    const double p = 1 - std::pow(0.85, k);
    EXPECT_LT(std::fabs(p_hat - p) / std::sqrt(p * (1 - p) / n), 4.0) << "m " << m << " k " << k;
    const auto wcol = v.column(win, k - 1);
    const double w_hat = std::accumulate(wcol.begin(), wcol.end(), 0.0) / n;
    const int open_years = std::clamp(2024 + k - 2026, 0, 2);
    const double w = 1 - std::pow(0.6, open_years);
    if (open_years == 0) {
      EXPECT_EQ(w_hat, 0.0) << k;
    } else {
      EXPECT_LT(std::fabs(w_hat - w) / std::sqrt(w * (1 - w) / n), 4.0) << "m " << m << " k " << k;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(StepsPerYear, EventFrequency, ::testing::Values(1, 4, 12));

/// The noiseless spend path with a step-by-step replica of docs/MODEL.md §2 given the growth
/// shift G and log-jump J at each step.
std::vector<double> replica_log_spend(int m, int years, const std::vector<double>& shift,
                                      const std::vector<double>& jump) {
  const double dt = 1.0 / m, phi = 0.5, kappa = -std::log(phi);
  const double A = std::pow(phi, dt), B = (1 - A) / kappa;
  double x = std::log(13.8), g = std::log(6.0);
  std::vector<double> out;
  for (int s = 1; s <= m * years; ++s) {
    const double T = 0.25 + shift[s], e = g - T;
    x += T * dt + e * B + jump[s];
    g = T + e * A;
    if (s % m == 0) out.push_back(x);
  }
  return out;
}

TEST(EventEffects, JumpAndTemporaryGrowthShiftHaveTheirExactSize) {
  const int m = 4;
  scenario::ScenarioSpec spec = menlo_spec(2030, m);
  scenario::EventSpec e = event("boom", 1.0, 2026, 2026);  // fires at the first step of 2026
  e.spend_jump = constant(0.5);
  e.growth_shift = constant(0.1);
  e.duration = constant(1.5);  // ceil(1.5·4) = 6 steps: steps 5..10
  spec.events.push_back(e);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 3);
  std::vector<double> shift(m * 6 + 1, 0.0), jump(m * 6 + 1, 0.0);
  for (int s = 5; s <= 10; ++s) shift[s] = 0.1;
  jump[5] = std::log(0.5);
  const auto expected = replica_log_spend(m, 6, shift, jump);
  for (int y = 0; y < 6; ++y)
    EXPECT_NEAR(std::log(v.at(0, y, 0)), expected[y], 1e-12) << "year " << 2025 + y;
}

TEST(EventEffects, PermanentGrowthShiftsStackWithMaxCount) {
  const int m = 1;
  scenario::ScenarioSpec spec = menlo_spec(2030, m);
  scenario::EventSpec e = event("wave", 1.0, 2026, 2027);
  e.growth_shift = constant(0.05);  // for good, twice
  e.max_count = 5;
  spec.events.push_back(e);
  const ValueStore v = run_all(model::compile_model(spec), 1);
  std::vector<double> shift(7, 0.0), jump(7, 0.0);
  shift[2] = 0.05;
  for (int s = 3; s <= 6; ++s) shift[s] = 0.10;
  const auto expected = replica_log_spend(m, 6, shift, jump);
  for (int y = 0; y < 6; ++y) EXPECT_NEAR(std::log(v.at(0, y, 0)), expected[y], 1e-12) << y;
}

TEST(EventEffects, ShareAndMomentumShiftsMoveLogits) {
  // ψ = 1, no noise: logits move by momentum μ each year; a share shift of −0.3 on
  // OpenAI in 2026 and a momentum shift of +0.2 on Google in 2026 (added before that
  // step's update).
  scenario::ScenarioSpec spec = menlo_spec(2028, 1);
  spec.vendors->persistence = constant(1.0);
  scenario::EventSpec e = event("reshuffle", 1.0, 2026, 2026);
  e.share_shift.push_back({"OpenAI", constant(-0.3)});
  e.momentum_shift.push_back({"Google", constant(0.2)});
  spec.events.push_back(e);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 1);
  const auto& cats = spec.vendors->categories;
  for (int T = 1; T <= 4; ++T) {
    std::vector<double> a;
    double total = 0;
    for (const auto& c : cats) {
      double mu = c.observed_momentum.value_or(0.0);
      double logit = std::log(c.base_share) + mu * T;
      if (c.name == "OpenAI" && T >= 2) logit -= 0.3;
      if (c.name == "Google" && T >= 2) logit += 0.2 * (T - 1);
      a.push_back(logit);
      total += std::exp(logit);
    }
    for (std::size_t k = 0; k < cats.size(); ++k) {
      const int row = model.layout->index_of("share." + cats[k].name);
      EXPECT_NEAR(v.at(row, T - 1, 0), std::exp(a[k]) / total, 1e-13) << cats[k].name << T;
    }
  }
}

TEST(EventEffects, EffectDistributionsAreDrawnAfreshAtEachFiring) {
  scenario::ScenarioSpec spec = menlo_spec(2030, 1);
  scenario::EventSpec e = event("jumps", 1.0, 2025, 2026);
  e.max_count = 2;
  e.spend_jump = uniform(0.5, 1.5);
  spec.events.push_back(e);
  const model::Model model = model::compile_model(spec);
  const ValueStore noisy = run_all(model, 2000);
  scenario::ScenarioSpec plain = menlo_spec(2030, 1);
  const ValueStore base = run_all(model::compile_model(plain), 1);
  // Jumps in 2025 and 2026: the 2025 ratio is U1, the 2026 ratio U1·U2, independent.
  std::vector<double> first, second;
  for (std::uint64_t p = 0; p < 2000; ++p) {
    first.push_back(noisy.at(0, 0, p) / base.at(0, 0, 0));
    second.push_back(noisy.at(0, 1, p) / base.at(0, 1, 0) / first.back());
  }
  for (const auto* sample : {&first, &second}) {
    const auto [mean, se] = mean_se(*sample);
    EXPECT_LT(std::fabs(mean - 1.0) / se, 4.0);
    EXPECT_GE(*std::min_element(sample->begin(), sample->end()), 0.5 - 1e-12);
    EXPECT_LE(*std::max_element(sample->begin(), sample->end()), 1.5 + 1e-12);
  }
  EXPECT_NE(first, second);
}

}  // namespace
}  // namespace spendcast::sim
