// Standard errors are honest: over many independent synthetic samples, the z-scores
// (estimate - true value) / se have mean 0 and sd 1 within bounds set by the number of
// repetitions R: |mean| <= 4 / sqrt(R) and |sd - 1| <= 4 / sqrt(2 (R - 1)) (four standard
// errors of a mean and of a normal sd).

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "stats/forecast_accumulator.hpp"

namespace spendcast::stats {
namespace {

struct ZScores {
  std::string name;
  std::vector<double> z;

  void expect_standard(std::size_t repetitions) const {
    ASSERT_EQ(z.size(), repetitions) << name;
    const double r = static_cast<double>(repetitions);
    double mean = 0;
    for (const double v : z) mean += v;
    mean /= r;
    double ss = 0;
    for (const double v : z) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / (r - 1));
    EXPECT_LE(std::fabs(mean), 4 / std::sqrt(r)) << name << ": mean z " << mean;
    EXPECT_LE(std::fabs(sd - 1), 4 / std::sqrt(2 * (r - 1))) << name << ": sd z " << sd;
  }
};

TEST(StandardErrors, ZScoresOfMeansMediansAndProbabilitiesAreStandard) {
  constexpr std::size_t repetitions = 400, paths = 2000;
  constexpr double sigma = 0.5, threshold = 1.5, hazard = 0.3;
  const double true_mean = std::exp(sigma * sigma / 2);
  const double true_median = 1.0;
  const double true_q90 = std::exp(sigma * 1.2815515655446004);
  const double true_above = 0.5 * std::erfc(std::log(threshold) / (sigma * std::sqrt(2.0)));

  auto layout = std::make_shared<MetricLayout>();
  layout->metrics = {"x", "event.e"};
  layout->years = {2025};
  layout->event_metrics = {1};
  layout->event_names = {"e"};
  layout->thresholds = {{0, {threshold}}};
  layout->quantiles = {0.5, 0.9};

  ZScores mean{"mean", {}}, median{"median (sketch)", {}}, median_exact{"median (exact)", {}},
      q90{"q90 (sketch)", {}}, above{"P(x >= 1.5)", {}}, event{"P(event)", {}};
  std::mt19937_64 rng(123456789);
  std::lognormal_distribution<double> x(0.0, sigma);
  std::bernoulli_distribution fired(hazard);
  std::vector<double> values(2 * paths);
  for (std::size_t r = 0; r < repetitions; ++r) {
    for (std::size_t i = 0; i < paths; ++i) {
      values[i] = x(rng);
      values[paths + i] = fired(rng) ? 1.0 : 0.0;
    }
    ForecastAccumulator sketch(layout), exact(layout, {true, 1e-3});
    const MetricBlock block{0, paths, 2, 1, values.data()};
    sketch.add(block);
    exact.add(block);
    const Forecast f = sketch.forecast();
    const Forecast e = exact.forecast();
    const MetricSummary& s = f.metric(0, 0);
    mean.z.push_back((s.mean - true_mean) / s.se);
    median.z.push_back((s.quantiles[0].value - true_median) / s.quantiles[0].se);
    q90.z.push_back((s.quantiles[1].value - true_q90) / s.quantiles[1].se);
    const Estimate m = e.metric(0, 0).quantiles[0];
    median_exact.z.push_back((m.value - true_median) / m.se);
    const Estimate a = f.threshold(0, 0, 0);
    above.z.push_back((a.value - true_above) / a.se);
    const Estimate ev = f.event(0, 0);
    event.z.push_back((ev.value - hazard) / ev.se);
  }
  for (const ZScores* z : {&mean, &median, &median_exact, &q90, &above, &event}) {
    z->expect_standard(repetitions);
  }
}

}  // namespace
}  // namespace spendcast::stats
