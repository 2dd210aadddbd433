#pragma once

#include "stats/quantile_sketch.hpp"

namespace spendcast::analysis {

/// The forecast density at a value, read from a quantile sketch.
struct SketchDensity {
  double density = 0.0;  ///< count / (n · width) of the bucket holding the value; 0 outside
  double lower = 0.0;    ///< the bucket's bounds (both 0 when no bucket holds the value)
  double upper = 0.0;
  bool inside = false;  ///< true when a non-empty bucket holds the value
};

/// The histogram density of the sketch's values at `y`: the count of the bucket that
/// holds y (by the sketch's own bucket map) divided by n times the bucket's width.
/// Outside the support (below the minimum, above the maximum, or in an empty bucket)
/// the density is 0 and `inside` false: the log score is then infinite.
SketchDensity sketch_density(const stats::QuantileSketch& sketch, double y);

}  // namespace spendcast::analysis
