#pragma once

#include <cstddef>
#include <cstdint>

namespace spendcast::stats {

/// The year-end values of every metric for one block of consecutive paths, as the
/// simulation hands them to an accumulator. Layout: metric-major, then year, then path
/// (structure of arrays), so the values of one metric and year are contiguous:
/// value(m, y, i) = values[(m * years + y) * paths + i].
struct MetricBlock {
  std::uint64_t first_path = 0;  ///< global index of the block's first path
  std::size_t paths = 0;         ///< paths in the block
  std::size_t metrics = 0;       ///< rows (MetricLayout::metrics.size())
  std::size_t years = 0;         ///< MetricLayout::years.size()
  const double* values = nullptr;

  /// The `paths` contiguous values of metric row `m` in year index `y`.
  const double* row(std::size_t m, std::size_t y) const { return values + (m * years + y) * paths; }
};

}  // namespace spendcast::stats
