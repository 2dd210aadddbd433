// Known answers of the model (docs/MODEL.md §2–3) with deterministic or Gaussian settings.
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

class NoiselessSpend : public ::testing::TestWithParam<int> {};

TEST_P(NoiselessSpend, FollowsTheClosedFormForAnyStepsPerYear) {
  // ln S_T = ln D0 + ḡT + (g0 − ḡ)(1 − φ^T)/κ with κ = −ln φ.
  const int m = GetParam();
  scenario::ScenarioSpec spec = menlo_spec(2030, m);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 16);
  const double g0 = std::log(6.0), gbar = 0.25, phi = 0.5, kappa = -std::log(phi);
  for (int T = 1; T <= 6; ++T) {
    const double expected =
        std::log(13.8) + gbar * T + (g0 - gbar) * (1 - std::pow(phi, T)) / kappa;
    for (std::uint64_t p = 0; p < 16; ++p) {
      const double got = std::log(v.at(0, T - 1, p));
      EXPECT_NEAR(got / expected, 1.0, 1e-12) << "m = " << m << ", T = " << T;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(StepsPerYear, NoiselessSpend, ::testing::Values(1, 2, 4, 12));

TEST(NoiselessSpend, FirstYearGrowthMatchesModelMd) {
  // docs/MODEL.md §2: φ = 0.5, ḡ = 0.25: e^{0.25 + 1.54·0.5/0.693} ≈ 3.9×.
  const model::Model model = model::compile_model(menlo_spec());
  const ValueStore v = run_all(model, 1);
  EXPECT_NEAR(v.at(1, 0, 0), 3.9, 0.05);  // growth row
}

TEST(NoiselessSpend, PersistenceLimitsAreContinuous) {
  // φ = 1 (growth stays g0) and φ = 0 (g snaps to ḡ) as closed forms.
  for (double phi : {0.0, 1.0}) {
    scenario::ScenarioSpec spec = menlo_spec(2027, 4);
    spec.spend.persistence = constant(phi);
    const ValueStore v = run_all(model::compile_model(spec), 1);
    const double g0 = std::log(6.0), gbar = 0.25;
    for (int T = 1; T <= 3; ++T) {
      const double expected = std::log(13.8) + (phi == 1.0 ? g0 * T : gbar * T);
      EXPECT_NEAR(std::log(v.at(0, T - 1, 0)), expected, 1e-12) << phi;
    }
  }
}

TEST(GaussianSpend, LogSpendIsNormalWithTheExactMeanAndVariance) {
  // σ > 0, τ = 0: ln S_T = deterministic + σ·W_T, so mean as the closed form and
  // variance σ²T. z-tests on the mean and the variance at T = 1 and 6.
  for (int m : {1, 12}) {
    scenario::ScenarioSpec spec = menlo_spec(2030, m);
    spec.spend.volatility = constant(0.3);
    const std::uint64_t n = 40000;
    const ValueStore v = run_all(model::compile_model(spec), n, 2);
    const double g0 = std::log(6.0), gbar = 0.25, phi = 0.5, kappa = -std::log(phi);
    for (int T : {1, 6}) {
      std::vector<double> logs;
      for (double s : v.column(0, T - 1)) logs.push_back(std::log(s));
      const double mean = std::log(13.8) + gbar * T + (g0 - gbar) * (1 - std::pow(phi, T)) / kappa;
      const double var = 0.09 * T;
      const auto [m_hat, se] = mean_se(logs);
      EXPECT_LT(std::fabs(m_hat - mean) / se, 4.0) << "m = " << m << " T = " << T;
      double s2 = 0;
      for (double x : logs) s2 += (x - m_hat) * (x - m_hat);
      const double v_hat = s2 / (n - 1);
      EXPECT_LT(std::fabs(v_hat - var) / (var * std::sqrt(2.0 / (n - 1))), 4.0)
          << "m = " << m << " T = " << T << " var " << v_hat;
    }
  }
}

TEST(NoiselessShares, FirstYearIsSoftmaxOfLogitPlusMomentum) {
  // ψ = 1, no noise, no diversification: a_i(1) = ln s_i + ln(s_i / s_i,2023).
  scenario::ScenarioSpec spec = menlo_spec();
  spec.vendors->persistence = constant(1.0);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 1);
  const auto& cats = spec.vendors->categories;
  std::vector<double> logits;
  double total = 0;
  for (const auto& c : cats) {
    logits.push_back(std::log(c.base_share) + c.observed_momentum.value_or(0.0));
    total += std::exp(logits.back());
  }
  for (std::size_t k = 0; k < cats.size(); ++k) {
    const int row = model.layout->index_of("share." + cats[k].name);
    EXPECT_NEAR(v.at(row, 0, 0), std::exp(logits[k]) / total, 1e-14) << cats[k].name;
  }
  // "Other" kept 0.09 in both years: zero momentum.
  EXPECT_EQ(cats.back().name, "Other");
  EXPECT_NEAR(*cats.back().observed_momentum, 0.0, 1e-12);
}

TEST(NoiselessShares, DriftAndDecayFollowTheClosedForm) {
  // ψ in (0, 1) with drift d: a(T) = a0 + dT + (μ0 − d)(1 − ψ^T)/κ_ψ.
  scenario::ScenarioSpec spec = menlo_spec(2028, 4);
  spec.vendors->persistence = constant(0.6);
  spec.vendors->drift.push_back({"Meta", constant(0.05)});
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 1);
  const auto& cats = spec.vendors->categories;
  const double kappa = -std::log(0.6);
  for (int T = 1; T <= 4; ++T) {
    std::vector<double> a;
    double total = 0;
    for (const auto& c : cats) {
      const double d = c.name == "Meta" ? 0.05 : 0.0;
      const double mu0 = c.observed_momentum.value_or(0.0);
      a.push_back(std::log(c.base_share) + d * T + (mu0 - d) * (1 - std::pow(0.6, T)) / kappa);
      total += std::exp(a.back());
    }
    for (std::size_t k = 0; k < cats.size(); ++k) {
      const int row = model.layout->index_of("share." + cats[k].name);
      EXPECT_NEAR(v.at(row, T - 1, 0), std::exp(a[k]) / total, 1e-13) << cats[k].name << T;
    }
  }
}

TEST(NoiselessShares, DiversificationPullsLogitsTowardTheirMean) {
  // ψ = 0 (no momentum), λ > 0: a(T) − ā = e^{−λT}(a0 − ā), exactly for any m since the
  // mean is preserved.
  for (int m : {1, 12}) {
    scenario::ScenarioSpec spec = menlo_spec(2026, m);
    spec.vendors->persistence = constant(0.0);
    spec.vendors->diversification = constant(0.7);
    const model::Model model = model::compile_model(spec);
    const ValueStore v = run_all(model, 1);
    const auto& cats = spec.vendors->categories;
    double mean = 0;
    for (const auto& c : cats) mean += std::log(c.base_share) / cats.size();
    for (int T = 1; T <= 2; ++T) {
      double total = 0;
      std::vector<double> a;
      for (const auto& c : cats) {
        a.push_back(mean + std::exp(-0.7 * T) * (std::log(c.base_share) - mean));
        total += std::exp(a.back());
      }
      for (std::size_t k = 0; k < cats.size(); ++k) {
        const int row = model.layout->index_of("share." + cats[k].name);
        EXPECT_NEAR(v.at(row, T - 1, 0), std::exp(a[k]) / total, 1e-12) << m;
      }
    }
  }
}

TEST(Metrics, RevenueHhiSegmentsGrowthAndCagrAreConsistent) {
  scenario::ScenarioSpec spec = menlo_spec(2027, 4);
  add_segments(spec);
  spec.spend.volatility = constant(0.2);
  spec.vendors->volatility = constant(0.3);
  const model::Model model = model::compile_model(spec);
  const ValueStore v = run_all(model, 200);
  const auto& L = *model.layout;
  for (std::uint64_t p = 0; p < 200; ++p) {
    for (std::size_t y = 0; y < L.years.size(); ++y) {
      const double S = v.at(L.index_of("spend"), y, p);
      const double models = v.at(L.index_of("share_segment.models"), y, p);
      EXPECT_NEAR(v.at(L.index_of("spend.models"), y, p), models * S, 1e-12 * S);
      double hhi = 0;
      for (const auto& name : L.vendor_names) {
        const double share = v.at(L.index_of("share." + name), y, p);
        hhi += share * share;
        EXPECT_NEAR(v.at(L.index_of("revenue." + name), y, p), share * models * S, 1e-12 * S);
      }
      EXPECT_NEAR(v.at(L.index_of("hhi"), y, p), hhi, 1e-14);
      const double prev = y == 0 ? 13.8 : v.at(L.index_of("spend"), y - 1, p);
      EXPECT_NEAR(v.at(L.index_of("growth"), y, p), S / prev, 1e-12 * S / prev);
      EXPECT_NEAR(v.at(L.index_of("cagr"), y, p), std::pow(S / 13.8, 1.0 / (y + 1)) - 1, 1e-12);
    }
  }
}

}  // namespace
}  // namespace spendcast::sim
