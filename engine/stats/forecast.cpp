#include "stats/forecast.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace spendcast::stats {

Estimate proportion(std::uint64_t count, std::uint64_t n) {
  if (n == 0) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
  }
  const double p = static_cast<double>(count) / static_cast<double>(n);
  return {p, std::sqrt(p * (1.0 - p) / static_cast<double>(n))};
}

MetricSummary summarize(const Moments& moments, const EmpiricalDistribution& distribution,
                        const std::vector<double>& levels) {
  MetricSummary s;
  s.count = moments.count();
  s.mean = moments.mean();
  s.sd = moments.sd();
  s.se = moments.se();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  s.min = s.count > 0 ? moments.min() : nan;
  s.max = s.count > 0 ? moments.max() : nan;
  for (const double p : levels) {
    s.quantiles.push_back({distribution.quantile(p), distribution.quantile_se(p)});
  }
  for (std::size_t i = 0; i < s.percentiles.size(); ++i) {
    s.percentiles[i] = distribution.quantile(static_cast<double>(i + 1) / 100.0);
  }
  return s;
}

Forecast::Forecast(std::shared_ptr<const MetricLayout> layout, bool exact, double relative_accuracy,
                   std::vector<MetricSummary> summaries,
                   std::vector<EmpiricalDistribution> distributions, ProbabilityCounts counts)
    : layout_(std::move(layout)),
      exact_(exact),
      relative_accuracy_(relative_accuracy),
      summaries_(std::move(summaries)),
      distributions_(std::move(distributions)),
      counts_(std::move(counts)) {
  const std::size_t cells = layout_->metrics.size() * layout_->years.size();
  if (summaries_.size() != cells || distributions_.size() != cells) {
    throw std::invalid_argument("Forecast: one summary and distribution per metric and year");
  }
}

std::size_t Forecast::cell(std::size_t m, std::size_t y) const {
  if (m >= layout_->metrics.size() || y >= layout_->years.size()) {
    throw std::out_of_range("Forecast: metric or year index out of range");
  }
  return m * layout_->years.size() + y;
}

const MetricSummary& Forecast::metric(std::size_t m, std::size_t y) const {
  return summaries_[cell(m, y)];
}

const EmpiricalDistribution& Forecast::distribution(std::size_t m, std::size_t y) const {
  return distributions_[cell(m, y)];
}

Estimate Forecast::quantile(std::size_t m, std::size_t y, double p) const {
  const EmpiricalDistribution& d = distribution(m, y);
  return {d.quantile(p), d.quantile_se(p)};
}

Estimate Forecast::leader(std::size_t y, std::size_t v) const {
  return proportion(counts_.leader(y, v), paths());
}

Estimate Forecast::pair(std::size_t y, std::size_t i, std::size_t j) const {
  return proportion(counts_.pair(y, i, j), paths());
}

Estimate Forecast::threshold(std::size_t t, std::size_t k, std::size_t y) const {
  return proportion(counts_.threshold(t, k, y), paths());
}

Estimate Forecast::event(std::size_t e, std::size_t y) const {
  return proportion(counts_.event(e, y), paths());
}

Estimate Forecast::first_year(std::size_t t, std::size_t k) const {
  return proportion(counts_.first_year(t, k), paths());
}

}  // namespace spendcast::stats
