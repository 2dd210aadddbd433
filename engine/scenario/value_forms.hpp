#pragma once

#include <limits>
#include <optional>
#include <string>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"
#include "scenario/spec.hpp"

namespace spendcast::scenario {

/// The values a θ or an event effect may take (SCENARIO-FORMAT.md: a bounded meaning).
struct ValueRange {
  double lo = -std::numeric_limits<double>::infinity();  ///< lower bound
  double hi = std::numeric_limits<double>::infinity();   ///< upper bound
  bool lo_open = true;                                   ///< lo itself excluded
  bool hi_open = true;                                   ///< hi itself excluded

  /// True for the whole real line (no check).
  bool unbounded() const;
  /// True when `x` lies in the range (NaN never does).
  bool contains(double x) const;
  /// "in [0, 1]", ">= 0", "> 0", "in (0, 1)".
  std::string describe() const;
  /// "[0, 1]", "[0, inf)", "(0, inf)", "(0, 1)".
  std::string interval() const;
};

/// Any real number (growth rates, drifts, shifts).
inline constexpr ValueRange any_real{};
/// Probabilities and persistences: [0, 1].
inline constexpr ValueRange unit_interval{0.0, 1.0, false, false};
/// Volatilities and diversification: >= 0.
inline constexpr ValueRange non_negative{0.0, std::numeric_limits<double>::infinity(), false, true};
/// Ceilings, spend jumps, durations: > 0.
inline constexpr ValueRange positive{0.0, std::numeric_limits<double>::infinity(), true, true};
/// Entry shares: (0, 1).
inline constexpr ValueRange open_unit{0.0, 1.0, true, true};

/// z with P(Z <= z) = 0.95 for a standard normal Z (1.6448536...): "LO to HI" and
/// lognormal p5/p95 are 90 % intervals, mean or mu +- z95 sd.
double z95();

/// Reads a scenario value: a number (constant), "LO to HI" (90 % interval: lognormal
/// when LO > 0, else normal) or { dist = ..., truncate = [lo, hi] }. Checks the
/// distribution's parameters, its truncation (bounds inside the support, positive
/// mass) and that its draws stay in `range`. Reports every problem found at `path`;
/// empty when any.
std::optional<DistSpec> read_dist(const DocValue& value, const std::string& path,
                                  const ValueRange& range, Diagnostics& diagnostics);

/// The interval the draws of a valid `dist` lie in, truncation applied.
struct Support {
  double lo = 0.0;       ///< smallest draw
  double hi = 0.0;       ///< largest draw
  bool lo_atom = false;  ///< lo is drawn with positive probability (constants, discrete)
  bool hi_atom = false;  ///< hi is drawn with positive probability
};

/// The support of a valid distribution, truncation applied.
Support support_of(const DistSpec& dist);

/// P(X < x) for a valid distribution, truncation applied (the probability that a draw
/// lies below `x`).
double probability_below(const DistSpec& dist, double x);

/// The kind's name as the format writes it ("normal", "pert", "constant").
std::string kind_name(DistSpec::Kind kind);

}  // namespace spendcast::scenario
