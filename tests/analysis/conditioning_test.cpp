// Conditioning by exact rejection (engine/analysis/conditioning.hpp) against an exact
// answer: growth-only spend with one uncertain parameter (long-run growth ḡ, normal
// prior), persistence 0 (growth is ḡ from the first year), level noise σ, and one
// observation of 2025 spend on the log scale. Then ln S_2025 = ln D + ḡ + σ·ε₁ and a path
// is kept with probability exp(−((ln S_2025 − ln o)/s)²/2), so P(kept | ḡ) ∝
// N(ln o − ln D; ḡ, σ² + s²). The posterior of ḡ and the conditional mean of 2026 spend
// are computed by Simpson quadrature over ḡ and compared within 4 standard errors.
// The observed value is made up for the test; it is not data.

#include "analysis/conditioning.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "scenario/load.hpp"

namespace spendcast::analysis {
namespace {

constexpr double D = 10.0, m0 = 0.10, s0 = 0.10, sigma = 0.10, s_obs = 0.05;
const double y_obs = 0.25;  // ln(o / D): the made-up observation o = D·e^0.25

const std::string scenario = R"([simulation]
horizon = 2027
steps_per_year = 1
seed = 7
[data]
spend = { 2024 = 10.0 }
[spend]
initial_growth = 0.0
long_run_growth = { dist = "normal", mean = 0.10, sd = 0.10 }
persistence = 0
volatility = 0.10
)";

double normal_pdf(double x, double mean, double sd) {
  const double z = (x - mean) / sd;
  return std::exp(-0.5 * z * z) / (sd * std::sqrt(2 * std::numbers::pi));
}

/// ∫ f(g) π(g) P(kept | g) dg / ∫ π(g) P(kept | g) dg by Simpson's rule on ±12 prior sd.
template <class F>
double posterior_mean_of(F f) {
  const int n = 4000;
  const double lo = m0 - 12 * s0, hi = m0 + 12 * s0, h = (hi - lo) / n;
  double num = 0, den = 0;
  for (int k = 0; k <= n; ++k) {
    const double g = lo + k * h;
    const double w = (k == 0 || k == n) ? 1 : (k % 2 ? 4 : 2);
    const double p = normal_pdf(g, m0, s0) * normal_pdf(y_obs, g, std::hypot(sigma, s_obs));
    num += w * p * f(g);
    den += w * p;
  }
  return num / den;
}

ConditionedForecast run(std::uint64_t paths, int threads) {
  const scenario::LoadedScenario s = scenario::load_scenario_text(scenario, "growth.toml");
  const model::Model model = model::compile_model(s.spec);
  const Likelihood likelihood = Likelihood::resolve(
      {ConditioningObservation{"spend", 2025, D * std::exp(y_obs), s_obs, true}}, *model.layout);
  return simulate_conditioned(model, likelihood, s.spec.simulation.seed, paths, threads);
}

TEST(Conditioning, PosteriorAndConditionalForecastMatchQuadrature) {
  const ConditionedForecast c = run(200'000, 2);
  ASSERT_EQ(c.paths(), 200'000u);
  ASSERT_EQ(c.theta_names().size(), 1u);
  EXPECT_EQ(c.theta_names()[0], "spend.long_run_growth");
  EXPECT_EQ(c.kept().paths(), c.kept_paths());
  // Acceptance: E[exp(−(y − y_obs)²/(2 s²))] = s/√(v) · exp(−(y_obs − m0)²/(2 v)),
  // v = s0² + σ² + s².
  const double v = s0 * s0 + sigma * sigma + s_obs * s_obs;
  const double rate = s_obs / std::sqrt(v) * std::exp(-0.5 * (y_obs - m0) * (y_obs - m0) / v);
  const double n = static_cast<double>(c.paths());
  const double observed_rate = static_cast<double>(c.kept_paths()) / n;
  EXPECT_NEAR(observed_rate, rate, 4 * std::sqrt(rate * (1 - rate) / n));

  // Posterior of ḡ: mean and sd by quadrature (and, as a check of the quadrature, the
  // Gaussian closed form).
  const double mean = posterior_mean_of([](double g) { return g; });
  const double var = posterior_mean_of([&](double g) { return (g - mean) * (g - mean); });
  const double closed = m0 + s0 * s0 / v * (y_obs - m0);
  EXPECT_NEAR(mean, closed, 1e-9);
  const stats::Moments& post = c.posterior_moments(0);
  const double kept = static_cast<double>(post.count());
  EXPECT_NEAR(post.mean(), mean, 4 * std::sqrt(var / kept));
  EXPECT_NEAR(post.variance(), var, 4 * var * std::sqrt(2 / kept));
  // The posterior median (the sketch's, within 1e-3 relative) of a Gaussian posterior.
  EXPECT_NEAR(c.posterior(0).quantile(0.5), mean,
              4 * std::sqrt(var / kept) * 1.2533 + 1e-3 * std::abs(mean));
  // The prior is untouched: every path.
  EXPECT_EQ(c.prior(0).count(), c.paths());

  // Conditional mean of 2026 spend: given ḡ and kept, ln S_2025 − ln D is normal with
  // mean ḡ + k(y_obs − ḡ), k = σ²/(σ² + s²), and variance k·s²; 2026 adds ḡ + σ·ε₂.
  const double k = sigma * sigma / (sigma * sigma + s_obs * s_obs);
  const double var_z = k * s_obs * s_obs + sigma * sigma;
  const double spend_2026 = D * posterior_mean_of([&](double g) {
                              return std::exp(2 * g + k * (y_obs - g) + 0.5 * var_z);
                            });
  const auto& layout = c.kept().layout();
  const stats::Moments& s2026 =
      c.kept().moments(static_cast<std::size_t>(layout.index_of("spend")), 1);
  ASSERT_EQ(layout.years[1], 2026);
  EXPECT_NEAR(s2026.mean(), spend_2026, 4 * s2026.se());
}

TEST(Conditioning, KeptPathsDoNotDependOnTheThreadCount) {
  const ConditionedForecast a = run(20'000, 1);
  const ConditionedForecast b = run(20'000, 2);
  EXPECT_EQ(a.kept_paths(), b.kept_paths());
  EXPECT_TRUE(a.kept() == b.kept());
  EXPECT_EQ(a.posterior_moments(0), b.posterior_moments(0));
}

TEST(Conditioning, UnknownMetricOrYearIsRefused) {
  const scenario::LoadedScenario s = scenario::load_scenario_text(scenario, "growth.toml");
  const model::Model model = model::compile_model(s.spec);
  EXPECT_THROW(Likelihood::resolve({{"spent", 2025, 1.0, 0.1, false}}, *model.layout),
               std::invalid_argument);
  EXPECT_THROW(Likelihood::resolve({{"spend", 2040, 1.0, 0.1, false}}, *model.layout),
               std::invalid_argument);
  EXPECT_THROW(Likelihood::resolve({{"spend", 2025, -1.0, 0.1, true}}, *model.layout),
               std::invalid_argument);
}

TEST(Conditioning, AnObservationsFileBecomesALikelihood) {
  const scenario::LoadedScenario s = scenario::load_scenario_text(scenario, "growth.toml");
  const model::Model model = model::compile_model(s.spec);
  // Made-up values, for the test only.
  const auto obs = parse_observations(
      "[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = \"10 to 14\"\n\n"
      "[[observation]]\nmetric = \"growth\"\nyear = 2026\nvalue = 1.1\nsd = 0.05\n",
      "obs.toml");
  const Likelihood l = likelihood_of(obs, *model.layout);
  ASSERT_EQ(l.terms.size(), 2u);
  EXPECT_TRUE(l.terms[0].log_scale);
  EXPECT_NEAR(l.terms[0].center, 0.5 * std::log(140.0), 1e-12);
  EXPECT_NEAR(l.terms[0].inverse_sd, 2 * 1.6448536269514722 / std::log(1.4), 1e-9);
  EXPECT_EQ(l.terms[0].year, 0u);
  EXPECT_FALSE(l.terms[1].log_scale);
  EXPECT_EQ(l.terms[1].center, 1.1);
  EXPECT_EQ(l.terms[1].year, 1u);
  try {
    likelihood_of(parse_observations(
                      "[[observation]]\nmetric = \"spend\"\nyear = 2025\nvalue = 12\n", "o.toml"),
                  *model.layout);
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "o.toml:4:9: error: observation[0]: no uncertainty: conditioning needs the value's "
              "error, sd = X (of ln value: 0.1 is about 10 %) or a 90 % interval value = \"LO to "
              "HI\"");
  }
  EXPECT_THROW(likelihood_of(parse_observations("[[observation]]\nmetric = \"spend\"\nyear = "
                                                "2040\nvalue = 12\nsd = 0.1\n",
                                                "o.toml"),
                             *model.layout),
               scenario::ScenarioError);
}

}  // namespace
}  // namespace spendcast::analysis
