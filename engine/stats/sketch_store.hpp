#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/sketch_counters.hpp"

namespace spendcast::stats {

/// The counts of consecutive keys of one sign of a QuantileSketch, compactly: one 16-bit
/// counter per key, the part the increments touch (so that the sketches of a block stay in
/// the nearer caches), and, for the few keys whose count outgrows it, the rest as carries
/// in a sparse list ordered by key. A key's count is its counter plus its carry, exact up to
/// 2^64 - 1. The increments themselves are plain `++counters[key - first]` (no check):
/// reserve() first carries every counter's upper half out when the increments since the
/// last carry pass could otherwise wrap a counter. See docs/STATISTICS.md §5.
class SketchStore {
 public:
  using Counter = SketchCounter;
  /// Counters hold less than 2^low_bits after a carry pass (and after add()).
  static constexpr unsigned low_bits = 8 * sizeof(Counter) - 1;
  /// Increments any counters may take after a carry pass without wrapping: 2^low_bits.
  static constexpr std::uint64_t headroom = std::uint64_t{1} << low_bits;

  /// Key of counters()[0].
  std::uint32_t first() const { return first_; }
  /// Number of addressable keys [first, first + size).
  std::size_t size() const { return counters_.size(); }
  /// No addressable key.
  bool empty() const { return counters_.empty(); }

  /// Makes [lo, hi] addressable, with some slack when growing (max(slack, size / 2) keys
  /// on the growing side), inside [floor, ceiling].
  void cover(std::uint32_t lo, std::uint32_t hi, std::uint32_t floor, std::uint32_t ceiling,
             std::uint32_t slack) {
    if (!counters_.empty() && lo >= first_ && hi - first_ < counters_.size()) return;
    grow(lo, hi, floor, ceiling, slack);
  }
  /// The counters, for at most `increments` <= headroom unchecked increments of addressable
  /// keys by the caller before the next call (carries first when they could wrap one).
  Counter* reserve(std::uint64_t increments) {
    // Every counter is below 2^low_bits + since_carry_: below 2^(8 sizeof(Counter)) while
    // since_carry_ <= headroom.
    if (increments > headroom - since_carry_) carry_all();
    since_carry_ += increments;
    return counters_.data();
  }
  /// The counters for reading (a prefetch).
  const Counter* counters() const { return counters_.data(); }
  /// Adds `c` to the count of addressable `key`.
  void add(std::uint32_t key, std::uint64_t c);
  /// Takes one from the count of addressable `key`, which must be positive.
  void remove_one(std::uint32_t key);

  /// The count of `key` (0 when not addressable).
  std::uint64_t count(std::uint32_t key) const;
  /// The range [first, last] of non-empty keys; false when all are empty.
  bool nonempty_range(std::uint32_t& first_key, std::uint32_t& last_key) const;
  /// The counts of keys [lo, hi], which must be addressable.
  std::vector<std::uint64_t> counts(std::uint32_t lo, std::uint32_t hi) const;
  /// Replaces everything with the counts of keys first_key, first_key + 1, ...
  void assign(std::uint32_t first_key, const std::vector<std::uint64_t>& counts);

  /// Bytes held by the counters and the carries (capacity, for the benchmarks).
  std::size_t bytes() const;
  /// Keys that hold a carry.
  std::size_t carried_keys() const { return carries_.size(); }

 private:
  /// The part of a key's count above its counter: a multiple of 2^low_bits, never 0.
  struct Carry {
    std::uint32_t key = 0;
    std::uint64_t amount = 0;
  };
  /// cover() when [lo, hi] is not addressable yet.
  void grow(std::uint32_t lo, std::uint32_t hi, std::uint32_t floor, std::uint32_t ceiling,
            std::uint32_t slack);
  /// Moves every counter's part at or above 2^low_bits into the carries (since_carry_ = 0).
  void carry_all();
  /// Adds `amount` (> 0) to the carry of `key`.
  void add_carry(std::uint32_t key, std::uint64_t amount);
  std::uint64_t carry_of(std::uint32_t key) const;

  std::uint32_t first_ = 0;
  std::vector<Counter> counters_;
  std::vector<Carry> carries_;     ///< ordered by key
  std::uint64_t since_carry_ = 0;  ///< increments reserved since the last carry pass
};

}  // namespace spendcast::stats
