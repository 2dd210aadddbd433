#pragma once

#include <cstddef>
#include <cstdint>

namespace spendcast::stats {

/// A sketch store's counter of one key (SketchStore: 16 bits, with carries beyond).
using SketchCounter = std::uint16_t;

/// Where QuantileSketch's general path counts each value, as addresses, so that the
/// increments themselves are one branch-free loop (`++*address`) over SketchCounters in
/// several arrays.
struct SketchCounterMap {
  unsigned shift = 0;              ///< key = magnitude bits >> shift
  std::uint64_t tiny_below = 0;    ///< magnitude bits below this: the zero bucket
  std::uint64_t top_key = 0;       ///< a positive key counted locally (~0: none)
  std::uintptr_t positive = 0;     ///< address of the positive count of key 0
  std::uintptr_t negative = 0;     ///< address of the negative count of key 0
  SketchCounter* local = nullptr;  ///< 8 counters: [i % 4] zero bucket, [4 + i % 4] top_key
};

/// out[i] = the address of the counter of x[i] (finite): local[i % 4] when |x[i]| is
/// tiny, local[4 + i % 4] when its key is top_key and it is positive, else its key's
/// count in the positive or negative store (the caller makes those addressable).
void sketch_counter_addresses(const double* x, std::size_t n, const SketchCounterMap& map,
                              std::uintptr_t* out);

}  // namespace spendcast::stats
