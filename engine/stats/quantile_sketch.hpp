#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/count_encoding.hpp"
#include "stats/row_scan.hpp"
#include "stats/sketch_store.hpp"

namespace spendcast::stats {

/// A mergeable quantile sketch with a relative-error guarantee (DDSketch-style, with a
/// log-linear bucket map read straight from the bits of the double, as in HDR
/// histograms): each binade [2^e, 2^(e+1)) is cut into K = 2^b equal sub-buckets, and the
/// key of |x| is its bit pattern shifted right by 52 - b. Any value of a bucket is within
/// relative_accuracy() = 1/(2K + 1) of the bucket's representative value. Counts are
/// integers, so merging is exact in any order. Magnitudes below zero_threshold (including
/// exact zeros) are counted in a zero bucket represented by 0. Memory: one 16-bit counter
/// per key between the smallest and the largest magnitude seen (per sign), at most
/// 1064 K counters per sign, whatever the number of values, plus a carry for each key
/// whose count passed 2^15 (SketchStore). See docs/STATISTICS.md.
class QuantileSketch {
 public:
  /// |x| below this (2^-40, about 9.1e-13) counts in the zero bucket and is represented by
  /// 0: absolute error below 2^-40 instead of the relative guarantee.
  static constexpr double zero_threshold = 0x1p-40;

  /// A sketch whose guaranteed relative accuracy is at most `relative_accuracy`, in
  /// [1e-6, 0.5] (finer would overflow the 32-bit bucket keys): K is the smallest power of two with
  /// 1/(2K + 1) <= relative_accuracy (K = 512 and 1/1025 = 9.76e-4 for the default 1e-3); throws
  /// std::invalid_argument.
  explicit QuantileSketch(double relative_accuracy = 1e-3);

  /// Adds one finite value; throws std::invalid_argument for NaN or +-inf.
  void add(double x);
  /// Adds finite values (checked: throws std::invalid_argument, adding nothing).
  void add(std::span<const double> values);
  /// Adds finite values whose scan_row() is `scan` (the fast path; not checked again).
  void add(std::span<const double> values, const RowScan& scan);
  /// A hint only (no change): fetches the counts that add(values, scan) of a row of one
  /// sign will increment into the caches, to be called some work ahead of that add.
  void prefetch(const RowScan& scan) const;
  /// What add() changes besides the bucket counts (see roll_back).
  struct Mark {
    std::uint64_t count = 0;
    std::uint64_t zero_count = 0;
    double min = 0.0;
    double max = 0.0;
  };
  /// The state to roll back to.
  Mark mark() const { return {count_, zero_, min_, max_}; }
  /// Undoes add() of `values` made since `mark` was taken (the same finite values):
  /// decrements their buckets and restores the count, zero count, min and max. For a
  /// rejected block of ForecastAccumulator (slow: one value at a time).
  void roll_back(const Mark& mark, std::span<const double> values);
  /// Adds the counts of a sketch with the same subbucket_bits(); throws
  /// std::invalid_argument otherwise.
  void merge(const QuantileSketch& other);

  /// The accuracy asked for at construction.
  double requested_accuracy() const { return requested_; }
  /// The guaranteed relative accuracy 1/(2K + 1) <= requested_accuracy().
  double relative_accuracy() const;
  /// b, with K = 2^b sub-buckets per binade.
  int subbucket_bits() const { return bits_; }
  /// Number of values.
  std::uint64_t count() const { return count_; }
  /// Number of values with |x| < zero_threshold.
  std::uint64_t zero_count() const { return zero_; }
  /// Smallest value, exact (+inf when empty; -0 counts as +0).
  double min() const { return min_; }
  /// Largest value, exact (-inf when empty).
  double max() const { return max_; }

  /// One non-empty bucket: the values x with lower <= x < upper (positive buckets),
  /// lower < x <= upper (negative ones), |x| < zero_threshold (the zero bucket).
  struct Bucket {
    int sign = 0;             ///< -1, 0 (the zero bucket) or +1
    std::uint32_t key = 0;    ///< key of the magnitudes (0 for the zero bucket)
    double lower = 0.0;       ///< lower bound of the values
    double upper = 0.0;       ///< upper bound of the values
    double value = 0.0;       ///< representative: 2 lo hi / (lo + hi) of the magnitudes, signed
    std::uint64_t count = 0;  ///< values in the bucket
  };
  /// The non-empty buckets in increasing order of value.
  std::vector<Bucket> buckets() const;

  /// The sketch's estimate of the quantile at p in [0, 1] (EmpiricalDistribution rules);
  /// builds the distribution on each call: use EmpiricalDistribution for many queries.
  double quantile(double p) const;
  /// The sketch's estimate of the fraction of values <= x (same remark).
  double cdf(double x) const;

  /// Key of a magnitude a with zero_threshold <= a < inf, for `bits` (see class comment).
  static std::uint32_t key_of(double magnitude, int bits);
  /// Smallest magnitude of the bucket with `key`.
  static double bucket_lower(std::uint32_t key, int bits);
  /// Bound above the magnitudes of the bucket with `key` (+inf for the last finite one).
  static double bucket_upper(std::uint32_t key, int bits);
  /// Representative magnitude 2 lo hi / (lo + hi) of the bucket with `key`.
  static double bucket_value(std::uint32_t key, int bits);

  /// Bytes held by the bucket counts (both signs; for the benchmarks).
  std::size_t counter_bytes() const { return positive_.bytes() + negative_.bytes(); }
  /// Keys addressable in the bucket counts (both signs; for the benchmarks).
  std::size_t counter_keys() const { return positive_.size() + negative_.size(); }

  /// Same bucket map and the same counts, min and max.
  bool operator==(const QuantileSketch& other) const;

  /// {"relative_accuracy", "subbucket_bits", "count", "zero_count", "min", "max",
  /// "positive": {"first_key", "counts"}, "negative": {...}}: the counts of consecutive
  /// keys from first_key, trimmed to the non-empty range, as encode_counts text (min and
  /// max omitted when empty; an empty store is first_key 0 and "").
  nlohmann::json to_json() const;
  /// The reverse of to_json (also reading the counts as a JSON array, as version 1 states
  /// hold them); throws std::invalid_argument (or nlohmann's errors) when malformed. The
  /// encoded counts may decode to at most `budget->left` counters in all (which it
  /// decreases); without a budget, CounterBudget::for_text of this sketch's own text.
  static QuantileSketch from_json(const nlohmann::json& j, CounterBudget* budget = nullptr);
  /// The characters of the encoded counts in a to_json() document (for a CounterBudget).
  static std::uint64_t encoded_chars(const nlohmann::json& j);

 private:
  void add_general(std::span<const double> values, const RowScan& scan);
  std::uint32_t min_key() const;
  std::uint32_t max_key() const;
  SketchStore& store(bool negative) { return negative ? negative_ : positive_; }

  double requested_ = 1e-3;
  int bits_ = 9;
  std::uint64_t count_ = 0;
  std::uint64_t zero_ = 0;
  double min_;
  double max_;
  SketchStore positive_;
  SketchStore negative_;
};

}  // namespace spendcast::stats
