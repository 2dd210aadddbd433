// θ sampling (docs/MODEL.md §1): Boost quantiles, truncation, Latin hypercube strata, copula.
#include "model/parameter_draws.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>
#include <numbers>

#include "../sim/fixtures.hpp"

namespace spendcast::model {
namespace {

using namespace spendcast::testing;

/// A model whose spend.long_run_growth is `d` (everything else constant).
Model model_with_growth(const scenario::DistSpec& d,
                        scenario::Sampling sampling = scenario::Sampling::mc) {
  scenario::ScenarioSpec s = menlo_spec();
  s.spend.long_run_growth = d;
  s.simulation.sampling = sampling;
  return compile_model(s);
}

std::vector<double> draws_of(const Model& m, int theta, std::uint64_t n) {
  ParameterDraws draws;
  draws.draw(m, 7, 0, n, 0, n);
  return {draws.values(theta), draws.values(theta) + n};
}

/// F_n(Q(p)) against p within 4 binomial standard errors, at several p.
template <class Quantile>
void expect_quantiles(const std::vector<double>& sample, Quantile q, const std::string& what) {
  const double n = static_cast<double>(sample.size());
  for (double p : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    const double x = q(p);
    const double below =
        std::count_if(sample.begin(), sample.end(), [&](double v) { return v <= x; });
    EXPECT_LT(std::fabs(below / n - p) / std::sqrt(p * (1 - p) / n), 4.0) << what << " p = " << p;
  }
}

namespace bm = boost::math;

TEST(ParameterDraws, EveryKindMatchesBoostQuantiles) {
  const std::uint64_t n = 40000;
  scenario::DistSpec d;
  d.kind = scenario::DistSpec::Kind::normal;
  d.mean = 0.1;
  d.sd = 0.05;
  expect_quantiles(
      draws_of(model_with_growth(d), 0, n),
      [](double p) { return bm::quantile(bm::normal_distribution<>(0.1, 0.05), p); }, "normal");
  d = lognormal(-1.5, 0.6);
  expect_quantiles(
      draws_of(model_with_growth(d), 0, n),
      [](double p) { return bm::quantile(bm::lognormal_distribution<>(-1.5, 0.6), p); },
      "lognormal");
  d = scenario::DistSpec{};
  d.kind = scenario::DistSpec::Kind::triangular;
  d.min = 0.0;
  d.mode = 0.1;
  d.max = 0.5;
  expect_quantiles(
      draws_of(model_with_growth(d), 0, n),
      [](double p) { return bm::quantile(bm::triangular_distribution<>(0, 0.1, 0.5), p); },
      "triangular");
  d.kind = scenario::DistSpec::Kind::pert;  // Beta(1 + 4·0.2, 1 + 4·0.8) on [0, 0.5]
  expect_quantiles(
      draws_of(model_with_growth(d), 0, n),
      [](double p) { return 0.5 * bm::quantile(bm::beta_distribution<>(1.8, 4.2), p); }, "pert");
  d = scenario::DistSpec{};
  d.kind = scenario::DistSpec::Kind::beta;
  d.alpha = 2;
  d.beta = 5;
  d.min = -0.1;
  d.max = 0.4;
  expect_quantiles(
      draws_of(model_with_growth(d), 0, n),
      [](double p) { return -0.1 + 0.5 * bm::quantile(bm::beta_distribution<>(2, 5), p); }, "beta");
}

TEST(ParameterDraws, DiscreteHitsEachValueWithItsWeight) {
  scenario::DistSpec d;
  d.kind = scenario::DistSpec::Kind::discrete;
  d.values = {0.3, 0.1, 0.2};
  d.weights = {1, 2, 1};
  const std::uint64_t n = 40000;
  const auto v = draws_of(model_with_growth(d), 0, n);
  for (auto [value, p] : {std::pair{0.1, 0.5}, {0.2, 0.25}, {0.3, 0.25}}) {
    const double hits = std::count(v.begin(), v.end(), value);
    EXPECT_LT(std::fabs(hits / n - p) / std::sqrt(p * (1 - p) / n), 4.0) << value;
  }
}

TEST(ParameterDraws, TruncationRestrictsUAndKeepsTheShape) {
  scenario::DistSpec d = normal(0.0, 1.0);
  d.truncate = std::array<double, 2>{-0.5, 2.0};
  const std::uint64_t n = 40000;
  const auto v = draws_of(model_with_growth(d), 0, n);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), -0.5);
  EXPECT_LE(*std::max_element(v.begin(), v.end()), 2.0);
  bm::normal_distribution<> z;
  const double flo = bm::cdf(z, -0.5), fhi = bm::cdf(z, 2.0);
  expect_quantiles(
      v, [&](double p) { return bm::quantile(z, flo + p * (fhi - flo)); }, "truncated");
}

TEST(ParameterDraws, LatinHypercubePutsExactlyOnePathInEachStratum) {
  for (std::uint64_t n : {1ull, 7ull, 1000ull, 4099ull}) {
    const Model m = model_with_growth(uniform(0.0, 1.0), scenario::Sampling::lhs);
    // Draw in uneven blocks, as threads would.
    std::vector<char> seen(n, 0);
    ParameterDraws draws;
    for (std::uint64_t first = 0; first < n; first += 333) {
      const std::uint64_t count = std::min<std::uint64_t>(333, n - first);
      draws.draw(m, 99, 0, n, first, count);
      for (std::uint64_t i = 0; i < count; ++i) {
        const auto stratum = static_cast<std::uint64_t>(draws.value(0, i) * n);
        ASSERT_LT(stratum, n);
        ASSERT_FALSE(seen[stratum]) << "n = " << n << " stratum " << stratum << " twice";
        seen[stratum] = 1;
      }
    }
  }
}

TEST(ParameterDraws, LatinHypercubeMeanIsFarMoreAccurateThanMonteCarlo) {
  // For a uniform θ, the LHS sample mean is within 1/(2N) of 1/2; MC only within ~1/√N.
  const std::uint64_t n = 10000;
  const auto v = draws_of(model_with_growth(uniform(0.0, 1.0), scenario::Sampling::lhs), 0, n);
  double mean = 0;
  for (double x : v) mean += x / n;
  EXPECT_LT(std::fabs(mean - 0.5), 1.0 / n);
}

TEST(ParameterDraws, GaussianCopulaGivesTheRankCorrelationOfRho) {
  for (double rho : {-0.6, 0.3, 0.9}) {
    scenario::ScenarioSpec s = menlo_spec();
    s.spend.long_run_growth = lognormal(-1.5, 0.5);
    s.spend.persistence = uniform(0.2, 0.8);
    s.correlations.push_back({"spend.long_run_growth", "spend.persistence", rho, {}});
    const Model m = compile_model(s);
    const std::uint64_t n = 20000;
    ParameterDraws draws;
    draws.draw(m, 5, 0, n, 0, n);
    auto ranks = [&](int theta) {
      std::vector<std::pair<double, std::size_t>> v;
      for (std::size_t i = 0; i < n; ++i) v.push_back({draws.value(theta, i), i});
      std::sort(v.begin(), v.end());
      std::vector<double> r(n);
      for (std::size_t k = 0; k < n; ++k) r[v[k].second] = static_cast<double>(k);
      return r;
    };
    const auto ra = ranks(m.long_run_growth_theta), rb = ranks(m.persistence_theta);
    double sxy = 0, sxx = 0;
    const double mean = (n - 1) / 2.0;
    for (std::size_t i = 0; i < n; ++i) {
      sxy += (ra[i] - mean) * (rb[i] - mean);
      sxx += (ra[i] - mean) * (ra[i] - mean);
    }
    const double spearman = sxy / sxx;
    const double expected = 6 / std::numbers::pi * std::asin(rho / 2);
    // se of Spearman's rho ≈ (1 − ρ_s²)/√n·1.06 (Fieller et al.); 4 se.
    const double se = 1.06 * (1 - expected * expected) / std::sqrt(static_cast<double>(n));
    EXPECT_LT(std::fabs(spearman - expected) / se, 4.0) << rho << ": " << spearman;
  }
}

TEST(ParameterDraws, AThetaDependsOnlyOnItsNameNotOnTheOthers) {
  scenario::ScenarioSpec s = menlo_spec();
  s.spend.persistence = uniform(0.2, 0.8);
  const Model a = compile_model(s);
  s.spend.long_run_growth = lognormal(-1.5, 0.5);  // another θ becomes random
  s.vendors->drift.push_back({"Meta", normal(0, 0.1)});
  const Model b = compile_model(s);
  ParameterDraws da, db;
  da.draw(a, 3, 0, 100, 0, 100);
  db.draw(b, 3, 0, 100, 0, 100);
  for (std::size_t i = 0; i < 100; ++i)
    EXPECT_EQ(da.value(a.persistence_theta, i), db.value(b.persistence_theta, i));
}

}  // namespace
}  // namespace spendcast::model
