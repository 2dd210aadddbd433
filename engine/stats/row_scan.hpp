#pragma once

#include <cstddef>
#include <span>

namespace spendcast::stats {

/// What one pass over a row of values finds, shared by the accumulators' bulk paths.
/// Negative zero counts as +0 everywhere in this module, so that min and max do not
/// depend on the order of equal values.
struct RowScan {
  double min = 0.0;        ///< smallest value (+inf for an empty row)
  double max = 0.0;        ///< largest value (-inf for an empty row)
  bool all_finite = true;  ///< false when some value is NaN or +-inf
};

/// Scans `values` once (vectorisable: fixed lanes, no early exit).
RowScan scan_row(std::span<const double> values);

}  // namespace spendcast::stats
