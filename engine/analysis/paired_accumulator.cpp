#include "analysis/paired_accumulator.hpp"

#include <cmath>
#include <span>
#include <stdexcept>

namespace spendcast::analysis {

PairedAccumulator::PairedAccumulator(std::vector<PairedCell> cells, double relative_accuracy)
    : cells_(std::move(cells)), relative_accuracy_(relative_accuracy) {
  const stats::QuantileSketch empty(relative_accuracy);
  parts_.assign(cells_.size(), Part{empty, empty, empty, empty, stats::Moments(), 0, 0});
}

void PairedAccumulator::add(const stats::MetricBlock& a, const stats::MetricBlock& b) {
  if (a.first_path != b.first_path || a.paths != b.paths)
    throw std::invalid_argument("PairedAccumulator: the blocks cover different paths");
  const std::size_t n = a.paths;
  for (const PairedCell& c : cells_)
    if (c.row_a >= a.metrics || c.year_a >= a.years || c.row_b >= b.metrics || c.year_b >= b.years)
      throw std::invalid_argument("PairedAccumulator: a cell lies outside the blocks");
  difference_.resize(n);
  ratio_.resize(n);
  for (std::size_t k = 0; k < cells_.size(); ++k) {
    const PairedCell& c = cells_[k];
    Part& part = parts_[k];
    const double* va = a.row(c.row_a, c.year_a);
    const double* vb = b.row(c.row_b, c.year_b);
    std::size_t ratios = 0;
    std::uint64_t greater = 0, less = 0;
    for (std::size_t i = 0; i < n; ++i) {
      difference_[i] = vb[i] - va[i];
      greater += vb[i] > va[i];
      less += vb[i] < va[i];
      const double r = vb[i] / va[i];
      if (va[i] != 0.0 && std::isfinite(r)) ratio_[ratios++] = r;
    }
    part.first.add(std::span<const double>(va, n));
    part.second.add(std::span<const double>(vb, n));
    const std::span<const double> d(difference_.data(), n);
    part.difference.add(d);
    part.difference_moments.add(d);
    part.ratio.add(std::span<const double>(ratio_.data(), ratios));
    part.greater += greater;
    part.less += less;
  }
  paths_ += n;
}

void PairedAccumulator::merge(const PairedAccumulator& other) {
  if (other.cells_.size() != cells_.size() || other.relative_accuracy_ != relative_accuracy_)
    throw std::invalid_argument("PairedAccumulator: merging accumulators of different cells");
  for (std::size_t k = 0; k < cells_.size(); ++k) {
    const PairedCell &mine = cells_[k], &theirs = other.cells_[k];
    if (mine.metric != theirs.metric || mine.year != theirs.year)
      throw std::invalid_argument("PairedAccumulator: merging accumulators of different cells");
  }
  // Copy first: merging an accumulator with itself must not read what it writes.
  const std::vector<Part> parts = other.parts_;
  for (std::size_t k = 0; k < cells_.size(); ++k) {
    Part& part = parts_[k];
    part.first.merge(parts[k].first);
    part.second.merge(parts[k].second);
    part.difference.merge(parts[k].difference);
    part.ratio.merge(parts[k].ratio);
    part.difference_moments.merge(parts[k].difference_moments);
    part.greater += parts[k].greater;
    part.less += parts[k].less;
  }
  paths_ += other.paths_;
}

}  // namespace spendcast::analysis
