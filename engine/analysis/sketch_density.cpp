#include "analysis/sketch_density.hpp"

#include <cmath>

namespace spendcast::analysis {

SketchDensity sketch_density(const stats::QuantileSketch& sketch, double y) {
  SketchDensity out;
  if (sketch.count() == 0 || !std::isfinite(y) || y < sketch.min() || y > sketch.max()) return out;
  for (const stats::QuantileSketch::Bucket& b : sketch.buckets()) {
    const bool holds = b.sign > 0   ? b.lower <= y && y < b.upper
                       : b.sign < 0 ? b.lower < y && y <= b.upper
                                    : std::fabs(y) < stats::QuantileSketch::zero_threshold;
    if (!holds) continue;
    out.lower = b.lower;
    out.upper = b.upper;
    out.inside = true;
    out.density =
        static_cast<double>(b.count) / (static_cast<double>(sketch.count()) * (b.upper - b.lower));
    return out;
  }
  return out;
}

}  // namespace spendcast::analysis
