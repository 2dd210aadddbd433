#include "analysis/path_sample.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace spendcast::analysis {

PathSample::PathSample(const model::Model& model, std::uint64_t seed, std::uint64_t design_size,
                       SampleColumns columns)
    : model_(&model), seed_(seed), design_size_(design_size), columns_(std::move(columns)) {}

void PathSample::add(const stats::MetricBlock& block) {
  const std::size_t n = block.paths;
  Chunk chunk{block.first_path, n, std::vector<double>(columns() * n)};
  double* out = chunk.values.data();
  if (!columns_.thetas.empty()) {
    draws_.draw(*model_, seed_, 0, design_size_, block.first_path, n);
    for (const int theta : columns_.thetas) {
      std::copy_n(draws_.values(theta), n, out);
      out += n;
    }
  }
  for (const std::size_t row : columns_.rows) {
    if (row >= block.metrics || columns_.year_index >= block.years)
      throw std::invalid_argument("PathSample: a column lies outside the block");
    std::copy_n(block.row(row, columns_.year_index), n, out);
    out += n;
  }
  chunks_.push_back(std::move(chunk));
  paths_ += n;
}

void PathSample::merge(const PathSample& other) {
  if (other.columns() != columns())
    throw std::invalid_argument("PathSample: merging samples of different columns");
  const std::vector<Chunk> chunks = other.chunks_;  // other may be *this
  chunks_.insert(chunks_.end(), chunks.begin(), chunks.end());
  paths_ += other.paths_;
}

std::vector<double> PathSample::column(std::size_t c) const {
  if (c >= columns()) throw std::out_of_range("PathSample: no such column");
  std::vector<std::size_t> order(chunks_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    return chunks_[i].first_path < chunks_[j].first_path;
  });
  std::vector<double> out;
  out.reserve(paths_);
  for (const std::size_t k : order) {
    const Chunk& chunk = chunks_[k];
    const auto begin = chunk.values.begin() + static_cast<std::ptrdiff_t>(c * chunk.paths);
    out.insert(out.end(), begin, begin + static_cast<std::ptrdiff_t>(chunk.paths));
  }
  return out;
}

}  // namespace spendcast::analysis
