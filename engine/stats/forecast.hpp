#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "stats/empirical_distribution.hpp"
#include "stats/metric_layout.hpp"
#include "stats/moments.hpp"
#include "stats/probability_counts.hpp"

namespace spendcast::stats {

/// A statistic or probability with its standard error.
struct Estimate {
  double value = 0.0;  ///< the estimate
  double se = 0.0;     ///< its standard error (NaN when undefined, e.g. no paths)
};

/// The estimate count / n of a probability with se sqrt(p (1 - p) / n); NaN when n = 0.
Estimate proportion(std::uint64_t count, std::uint64_t n);

/// The forecast distribution of one metric in one year (docs/MODEL.md §5).
struct MetricSummary {
  std::uint64_t count = 0;  ///< values (paths)
  double mean = 0.0;        ///< exact sum / count, correctly rounded
  double sd = 0.0;          ///< sample standard deviation (n - 1), 0 for one value
  double se = 0.0;          ///< standard error of the mean, sd / sqrt(count)
  double min = 0.0;         ///< exact
  double max = 0.0;         ///< exact
  /// At the layout's quantile levels, same order, each with its binomial-method se.
  std::vector<Estimate> quantiles;
  /// percentiles[i] = quantile at (i + 1) / 100: the 1st .. 99th percentiles.
  std::array<double, 99> percentiles{};
};

/// Summarises `moments` and `distribution` (the same values) at the quantile `levels`.
MetricSummary summarize(const Moments& moments, const EmpiricalDistribution& distribution,
                        const std::vector<double>& levels);

/// Everything a run reports, computed once from the accumulators by
/// ForecastAccumulator::forecast(): per metric row m and year index y (both as in the
/// layout) the summary and the distribution, and the probabilities with their standard
/// errors. An immutable value.
class Forecast {
 public:
  /// Assembles a forecast; `summaries` and `distributions` are indexed m * years + y.
  Forecast(std::shared_ptr<const MetricLayout> layout, bool exact, double relative_accuracy,
           std::vector<MetricSummary> summaries, std::vector<EmpiricalDistribution> distributions,
           ProbabilityCounts counts);

  /// The layout: metric names, years, vendors, events, thresholds, quantile levels.
  const MetricLayout& layout() const { return *layout_; }
  /// Paths behind every number.
  std::uint64_t paths() const { return counts_.paths(); }
  /// True when quantiles are exact (every value kept), false when from sketches.
  bool exact() const { return exact_; }
  /// Guaranteed relative accuracy of the sketches' quantiles (0 in exact mode).
  double relative_accuracy() const { return exact_ ? 0.0 : relative_accuracy_; }

  /// Summary of metric row m in year index y.
  const MetricSummary& metric(std::size_t m, std::size_t y) const;
  /// Distribution of metric row m in year index y (cdf and quantiles at any level).
  const EmpiricalDistribution& distribution(std::size_t m, std::size_t y) const;
  /// Quantile of metric row m in year index y at any level p in [0, 1], with its se.
  Estimate quantile(std::size_t m, std::size_t y, double p) const;

  /// P(vendor v leads in year y) (v indexes layout().vendor_share_metrics).
  Estimate leader(std::size_t y, std::size_t v) const;
  /// P(share_i > share_j in year y), vendor indices i < j.
  Estimate pair(std::size_t y, std::size_t i, std::size_t j) const;
  /// P(metric >= layout().thresholds[t].values[k] in year y).
  Estimate threshold(std::size_t t, std::size_t k, std::size_t y) const;
  /// P(event e has fired by year y) (e indexes layout().event_metrics).
  Estimate event(std::size_t e, std::size_t y) const;
  /// P(spend first reaches first_year_spend_thresholds[t] in year index k); k == number of
  /// years is "never". The k = 0 .. years values sum to 1.
  Estimate first_year(std::size_t t, std::size_t k) const;
  /// The integer counts behind the probabilities.
  const ProbabilityCounts& counts() const { return counts_; }

 private:
  std::size_t cell(std::size_t m, std::size_t y) const;

  std::shared_ptr<const MetricLayout> layout_;
  bool exact_ = false;
  double relative_accuracy_ = 0.0;
  std::vector<MetricSummary> summaries_;
  std::vector<EmpiricalDistribution> distributions_;
  ProbabilityCounts counts_;
};

}  // namespace spendcast::stats
