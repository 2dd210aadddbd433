#include "stats/forecast_accumulator.hpp"

#include <stdexcept>
#include <string>

namespace spendcast::stats {

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
      marks_(cells_.size()) {
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
  // One pass per row while it is in the nearer caches: the scan (finiteness, min, max),
  // then the row's moments and sketch, with the next row fetched meanwhile. A non-finite
  // value rolls back the rows already added: a rejected block changes nothing.
  const std::size_t rows = metrics * years;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::span<const double> row(block.row(r / years, r % years), block.paths);
    const RowScan scan = scan_row(row);
    if (!scan.all_finite) {
      for (std::size_t q = 0; q < r; ++q) {
        const std::span<const double> added(block.row(q / years, q % years), block.paths);
        cells_[q].moments.roll_back(marks_[q].moments, added);
        cells_[q].sketch.roll_back(marks_[q].sketch, added);
      }
      throw std::invalid_argument("ForecastAccumulator: non-finite value of '" +
                                  layout_->metrics[r / years] + "' in " +
                                  std::to_string(layout_->years[r % years]));
    }
    if (r + 1 < rows) {
      const double* next = block.row((r + 1) / years, (r + 1) % years);
      for (std::size_t i = 0; i < block.paths; i += 8) __builtin_prefetch(next + i, 0, 2);
    }
    Cell& c = cells_[r];
    marks_[r] = {c.moments.mark(), c.sketch.mark()};
    c.sketch.prefetch(scan);  // its counts arrive while the moments are summed
    c.moments.add(row, scan);
    c.sketch.add(row, scan);
  }
  if (options_.exact) {
    for (std::size_t r = 0; r < rows; ++r) {
      cells_[r].sample.add({block.row(r / years, r % years), block.paths});
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

}  // namespace spendcast::stats
