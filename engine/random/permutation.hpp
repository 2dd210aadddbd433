#pragma once

#include <cstdint>

#include "random/ars.hpp"

namespace spendcast::random {

/// A keyed pseudo-random permutation of [0, n), computed point by point: a balanced
/// Feistel network (8 rounds, ARS-5 as the round function) on the smallest even-bit
/// power-of-two domain that holds n, with cycle walking back into [0, n). It needs no
/// memory and no state, so Latin hypercube strata can be assigned to any subset of the
/// paths, on any thread or machine (docs/MODEL.md §1).
class FeistelPermutation {
 public:
  /// A permutation of [0, n) chosen by `key`; n >= 1.
  FeistelPermutation(std::uint64_t n, StreamKey key);

  /// The image of i, for i < n.
  std::uint64_t operator()(std::uint64_t i) const;

  /// n, the size of the permuted range.
  std::uint64_t size() const { return n_; }

 private:
  std::uint64_t encrypt(std::uint64_t x) const;

  std::uint64_t n_;
  StreamKey key_;
  unsigned half_bits_;  ///< bits of each Feistel half
  std::uint64_t half_mask_;
};

}  // namespace spendcast::random
