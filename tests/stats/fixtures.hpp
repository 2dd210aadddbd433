#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "stats/forecast.hpp"
#include "stats/metric_block.hpp"
#include "stats/metric_layout.hpp"

namespace spendcast::testing {

/// Year-end values of `paths` paths for `layout`, stored [metric][year][path]; blocks of
/// any path range are cut from it in MetricBlock layout.
struct PathValues {
  std::shared_ptr<const stats::MetricLayout> layout;
  std::size_t paths = 0;
  std::vector<double> values;

  double& at(std::size_t m, std::size_t y, std::size_t i) {
    return values[(m * layout->years.size() + y) * paths + i];
  }
  /// The values of paths [first, first + n) in block layout.
  std::vector<double> slice(std::size_t first, std::size_t n) const {
    const std::size_t rows = layout->metrics.size() * layout->years.size();
    std::vector<double> out(rows * n);
    for (std::size_t r = 0; r < rows; ++r) {
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(r * paths + first), n,
                  out.begin() + static_cast<std::ptrdiff_t>(r * n));
    }
    return out;
  }
  /// A block over `storage` (from slice(first, n)).
  stats::MetricBlock block(std::size_t first, std::size_t n,
                           const std::vector<double>& storage) const {
    return stats::MetricBlock{first, n, layout->metrics.size(), layout->years.size(),
                              storage.data()};
  }
};

/// A small market: spend, growth, three vendor shares (C an entrant, exactly 0 until it
/// enters), hhi, cagr (negative on some paths), one event indicator; three years;
/// thresholds and first-year spend thresholds. Deterministic in `seed`.
inline PathValues small_market(std::size_t paths, std::uint64_t seed) {
  auto layout = std::make_shared<stats::MetricLayout>();
  layout->metrics = {"spend", "growth", "share.A",   "share.B",   "share.C",
                     "hhi",   "cagr",   "revenue.A", "event.boom"};
  layout->years = {2025, 2026, 2027};
  layout->spend_metric = 0;
  layout->vendor_share_metrics = {2, 3, 4};
  layout->vendor_names = {"A", "B", "C"};
  layout->event_metrics = {8};
  layout->event_names = {"boom"};
  layout->thresholds = {{0, {20.0, 50.0}}, {2, {0.4}}, {6, {0.0, 0.5}}};
  layout->first_year_spend_thresholds = {30.0, 100.0};
  PathValues v{layout, paths, std::vector<double>(layout->metrics.size() * 3 * paths)};
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  std::bernoulli_distribution enters(0.01), fires(0.15);
  for (std::size_t i = 0; i < paths; ++i) {
    double s = 13.8, a = 0.0, b = -0.2, c = -2.0;
    bool active = false, fired = false;
    for (std::size_t y = 0; y < 3; ++y) {
      const double g = std::exp(0.4 + 0.5 * z(rng));
      s *= g;
      a += 0.3 * z(rng);
      b += 0.3 * z(rng);
      c += 0.5 * z(rng);
      active = active || enters(rng) || (y == 2 && i % 7 == 0);
      fired = fired || fires(rng);
      const double ea = std::exp(a), eb = std::exp(b), ec = active ? std::exp(c) : 0.0;
      const double total = ea + eb + ec;
      v.at(0, y, i) = s;
      v.at(1, y, i) = g;
      v.at(2, y, i) = ea / total;
      v.at(3, y, i) = eb / total;
      v.at(4, y, i) = ec / total;
      v.at(5, y, i) = (ea * ea + eb * eb + ec * ec) / (total * total);
      v.at(6, y, i) = std::pow(s / 13.8, 1.0 / static_cast<double>(y + 1)) - 1.5;
      v.at(7, y, i) = s * ea / total;
      v.at(8, y, i) = fired ? 1.0 : 0.0;
    }
  }
  return v;
}

/// Every number of two forecasts is bitwise equal.
inline void expect_same_forecast(const stats::Forecast& a, const stats::Forecast& b) {
  const stats::MetricLayout& l = a.layout();
  ASSERT_TRUE(l == b.layout());
  EXPECT_EQ(a.paths(), b.paths());
  for (std::size_t m = 0; m < l.metrics.size(); ++m) {
    for (std::size_t y = 0; y < l.years.size(); ++y) {
      const stats::MetricSummary& x = a.metric(m, y);
      const stats::MetricSummary& z = b.metric(m, y);
      EXPECT_EQ(x.count, z.count);
      EXPECT_EQ(x.mean, z.mean) << l.metrics[m];
      EXPECT_EQ(x.sd, z.sd) << l.metrics[m];
      EXPECT_EQ(x.se, z.se);
      EXPECT_EQ(x.min, z.min);
      EXPECT_EQ(x.max, z.max);
      ASSERT_EQ(x.quantiles.size(), z.quantiles.size());
      for (std::size_t q = 0; q < x.quantiles.size(); ++q) {
        EXPECT_EQ(x.quantiles[q].value, z.quantiles[q].value) << l.metrics[m];
        EXPECT_EQ(x.quantiles[q].se, z.quantiles[q].se);
      }
      EXPECT_EQ(x.percentiles, z.percentiles) << l.metrics[m];
      EXPECT_EQ(a.distribution(m, y).points(), b.distribution(m, y).points());
      EXPECT_EQ(a.distribution(m, y).cumulative_counts(), b.distribution(m, y).cumulative_counts());
    }
  }
  const std::size_t years = l.years.size(), vendors = l.vendor_share_metrics.size();
  for (std::size_t y = 0; y < years; ++y) {
    for (std::size_t v = 0; v < vendors; ++v) {
      EXPECT_EQ(a.leader(y, v).value, b.leader(y, v).value);
      EXPECT_EQ(a.leader(y, v).se, b.leader(y, v).se);
      for (std::size_t w = v + 1; w < vendors; ++w) {
        EXPECT_EQ(a.pair(y, v, w).value, b.pair(y, v, w).value);
      }
    }
    for (std::size_t t = 0; t < l.thresholds.size(); ++t) {
      for (std::size_t k = 0; k < l.thresholds[t].values.size(); ++k) {
        EXPECT_EQ(a.threshold(t, k, y).value, b.threshold(t, k, y).value);
      }
    }
    for (std::size_t e = 0; e < l.event_metrics.size(); ++e) {
      EXPECT_EQ(a.event(e, y).value, b.event(e, y).value);
    }
  }
  for (std::size_t t = 0; t < l.first_year_spend_thresholds.size(); ++t) {
    for (std::size_t k = 0; k <= years; ++k) {
      EXPECT_EQ(a.first_year(t, k).value, b.first_year(t, k).value);
    }
  }
}

}  // namespace spendcast::testing
