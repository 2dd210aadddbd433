#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace spendcast::model {

/// Whose random numbers each random component of a path uses (docs/MODEL.md §6). By
/// default every path uses its own: the random numbers of path p are those addressed by p.
/// A pick-freeze design (Sobol indices, docs/ANALYSIS.md) gives some components the
/// numbers of path p + offset instead, so that path p combines the draws of two paths:
/// each θ's uniform, each event's stream (firing and effects) and the path noise (the
/// `spend`, `vendors` and `segments` shocks) can be taken from a path of its own.
/// All offsets 0 (the default) is the plain run, bitwise.
struct StreamPaths {
  std::vector<std::uint64_t> theta;  ///< per θ index (Model::thetas); missing: 0
  std::vector<std::uint64_t> event;  ///< per event index (Model::events); missing: 0
  std::uint64_t noise = 0;           ///< the spend and composition shocks

  /// The offset of θ `index`.
  std::uint64_t theta_offset(std::size_t index) const {
    return index < theta.size() ? theta[index] : 0;
  }
  /// The offset of event `index`.
  std::uint64_t event_offset(std::size_t index) const {
    return index < event.size() ? event[index] : 0;
  }
};

}  // namespace spendcast::model
