#include "stats/forecast_accumulator.hpp"

#include <stdexcept>
#include <string>

namespace spendcast {

namespace {
const std::shared_ptr<const MetricLayout>& checked(
    const std::shared_ptr<const MetricLayout>& layout) {
  if (!layout) throw std::invalid_argument("ForecastAccumulator: null layout");
  return layout;
}
}  // namespace

ForecastAccumulator::ForecastAccumulator(std::shared_ptr<const MetricLayout> layout,
                                         AccumulatorOptions options)
    : layout_(checked(layout)),
      options_(options),
      cells_(layout_->metrics.size() * layout_->years.size(),
             Cell{Moments(), QuantileSketch(options.relative_accuracy), ExactSample()}),
      counts_(layout_),
      scans_(cells_.size()) {
  for (const double p : layout_->quantiles) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw std::invalid_argument("MetricLayout: quantile level outside [0, 1]");
    }
  }
}

std::size_t ForecastAccumulator::cell_index(std::size_t m, std::size_t y) const {
  if (m >= layout_->metrics.size() || y >= layout_->years.size()) {
    throw std::out_of_range("ForecastAccumulator: metric or year index out of range");
  }
  return m * layout_->years.size() + y;
}

void ForecastAccumulator::add(const MetricBlock& block) {
  const std::size_t metrics = layout_->metrics.size(), years = layout_->years.size();
  if (block.metrics != metrics || block.years != years) {
    throw std::invalid_argument("ForecastAccumulator: block shape " +
                                std::to_string(block.metrics) + " x " +
                                std::to_string(block.years) + " does not match the layout's " +
                                std::to_string(metrics) + " x " + std::to_string(years));
  }
  if (block.paths == 0) return;
  if (block.values == nullptr) throw std::invalid_argument("ForecastAccumulator: no values");
  // Check everything before changing anything.
  for (std::size_t m = 0; m < metrics; ++m) {
    for (std::size_t y = 0; y < years; ++y) {
      RowScan& scan = scans_[m * years + y];
      scan = scan_row({block.row(m, y), block.paths});
      if (!scan.all_finite) {
        throw std::invalid_argument("ForecastAccumulator: non-finite value of '" +
                                    layout_->metrics[m] + "' in " +
                                    std::to_string(layout_->years[y]));
      }
    }
  }
  for (std::size_t m = 0; m < metrics; ++m) {
    for (std::size_t y = 0; y < years; ++y) {
      const std::span<const double> row(block.row(m, y), block.paths);
      Cell& c = cells_[m * years + y];
      const RowScan& scan = scans_[m * years + y];
      c.sketch.prefetch(scan);  // its counts arrive while the moments are summed
      c.moments.add(row, scan);
      c.sketch.add(row, scan);
      if (options_.exact) c.sample.add(row);
    }
  }
  counts_.add(block);
}

void ForecastAccumulator::merge(const ForecastAccumulator& other) {
  if (&other == this) {  // the parts would read what they are writing
    const ForecastAccumulator copy = other;
    merge(copy);
    return;
  }
  if (!(*layout_ == *other.layout_)) {
    throw std::invalid_argument("ForecastAccumulator: merging accumulators of different layouts");
  }
  if (!(options_ == other.options_)) {
    throw std::invalid_argument("ForecastAccumulator: merging accumulators of different options");
  }
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    cells_[i].moments.merge(other.cells_[i].moments);
    cells_[i].sketch.merge(other.cells_[i].sketch);
    cells_[i].sample.merge(other.cells_[i].sample);
  }
  counts_.merge(other.counts_);
}

const Moments& ForecastAccumulator::moments(std::size_t m, std::size_t y) const {
  return cells_[cell_index(m, y)].moments;
}

const QuantileSketch& ForecastAccumulator::sketch(std::size_t m, std::size_t y) const {
  return cells_[cell_index(m, y)].sketch;
}

const ExactSample& ForecastAccumulator::sample(std::size_t m, std::size_t y) const {
  return cells_[cell_index(m, y)].sample;
}

EmpiricalDistribution ForecastAccumulator::distribution(std::size_t m, std::size_t y) const {
  const Cell& c = cells_[cell_index(m, y)];
  return options_.exact ? c.sample.distribution() : EmpiricalDistribution::from_sketch(c.sketch);
}

Forecast ForecastAccumulator::forecast() const {
  std::vector<MetricSummary> summaries;
  std::vector<EmpiricalDistribution> distributions;
  summaries.reserve(cells_.size());
  distributions.reserve(cells_.size());
  const std::size_t years = layout_->years.size();
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    distributions.push_back(distribution(i / years, i % years));
    summaries.push_back(summarize(cells_[i].moments, distributions.back(), layout_->quantiles));
  }
  const double accuracy = cells_.empty()
                              ? QuantileSketch(options_.relative_accuracy).relative_accuracy()
                              : cells_.front().sketch.relative_accuracy();
  return Forecast(layout_, options_.exact, accuracy, std::move(summaries), std::move(distributions),
                  counts_);
}

bool ForecastAccumulator::operator==(const ForecastAccumulator& other) const {
  if (!(*layout_ == *other.layout_) || !(options_ == other.options_)) return false;
  if (!(counts_ == other.counts_)) return false;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const Cell& a = cells_[i];
    const Cell& b = other.cells_[i];
    if (!(a.moments == b.moments) || !(a.sketch == b.sketch) || !(a.sample == b.sample)) {
      return false;
    }
  }
  return true;
}

}  // namespace spendcast
