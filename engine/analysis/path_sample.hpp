#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/model.hpp"
#include "model/parameter_draws.hpp"
#include "stats/metric_block.hpp"

namespace spendcast::analysis {

/// The per-path values a PathSample keeps: θs, metric rows of one year.
struct SampleColumns {
  std::vector<int> thetas;        ///< θ indices into Model::thetas
  std::vector<std::size_t> rows;  ///< metric rows (event indicators, the metric)
  std::size_t year_index = 0;     ///< the year of every row
};

/// A simulation sink that keeps, for every path, the chosen θs (redrawn per block with
/// ParameterDraws: a pure function of seed, θ and path, so bitwise the kernel's) and the
/// chosen metric rows in one year. Blocks merge by concatenation and are put in path order
/// when read, so the columns do not depend on threads or blocks. Memory: 8 bytes per path
/// per column, O(paths × columns) — for rank statistics on tens of thousands of paths.
class PathSample {
 public:
  /// An empty sample of `columns` for `model` run under `seed` with a sampling design of
  /// `design_size` paths from path 0.
  PathSample(const model::Model& model, std::uint64_t seed, std::uint64_t design_size,
             SampleColumns columns);

  /// Keeps the block's paths (the block must come from `model`'s kernel).
  void add(const stats::MetricBlock& block);
  /// Appends the blocks of `other`.
  void merge(const PathSample& other);

  /// Paths kept.
  std::uint64_t paths() const { return paths_; }
  /// Number of columns: the θs, then the rows.
  std::size_t columns() const { return columns_.thetas.size() + columns_.rows.size(); }
  /// The values of column c (θs first, then rows) in increasing path order.
  std::vector<double> column(std::size_t c) const;

 private:
  struct Chunk {
    std::uint64_t first_path = 0;
    std::size_t paths = 0;
    std::vector<double> values;  ///< column-major: values[c · paths + i]
  };

  const model::Model* model_;
  std::uint64_t seed_;
  std::uint64_t design_size_;
  SampleColumns columns_;
  std::vector<Chunk> chunks_;
  std::uint64_t paths_ = 0;
  model::ParameterDraws draws_;  ///< scratch for add()
};

}  // namespace spendcast::analysis
