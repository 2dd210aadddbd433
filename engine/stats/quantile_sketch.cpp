#include "stats/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/empirical_distribution.hpp"
#include "stats/lanes.hpp"
#include "stats/sketch_counters.hpp"
#include "util/double_bits.hpp"

namespace spendcast::stats {

namespace {
using util::binary64::abs_mask;
using util::binary64::fraction_bits;
constexpr std::uint64_t zero_threshold_bits =
    std::bit_cast<std::uint64_t>(QuantileSketch::zero_threshold);

int bits_for(double relative_accuracy) {
  if (!(relative_accuracy >= 1e-6 && relative_accuracy <= 0.5)) {
    throw std::invalid_argument("QuantileSketch: relative accuracy must be in [1e-6, 0.5]");
  }
  int bits = 0;
  while (1.0 / (2.0 * std::ldexp(1.0, bits) + 1.0) > relative_accuracy) ++bits;
  return bits;
}
}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy)
    : requested_(relative_accuracy),
      bits_(bits_for(relative_accuracy)),
      min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()) {}

double QuantileSketch::relative_accuracy() const {
  return 1.0 / (2.0 * std::ldexp(1.0, bits_) + 1.0);
}

std::uint32_t QuantileSketch::key_of(double magnitude, int bits) {
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(magnitude) >>
                                    (fraction_bits - bits));
}

double QuantileSketch::bucket_lower(std::uint32_t key, int bits) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(key) << (fraction_bits - bits));
}

double QuantileSketch::bucket_upper(std::uint32_t key, int bits) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(key + 1) << (fraction_bits - bits));
}

double QuantileSketch::bucket_value(std::uint32_t key, int bits) {
  // lo = 2^e (1 + j/K), hi = 2^e (1 + (j+1)/K): 2 lo hi / (lo + hi) =
  // 2^e 2 (K + j)(K + j + 1) / (K (2K + 2j + 1)); integers below 2^50, exact as doubles.
  const double k = std::ldexp(1.0, bits);
  const double j = static_cast<double>(key & ((std::uint32_t{1} << bits) - 1));
  const int e = static_cast<int>(key >> bits) - util::binary64::exponent_bias;
  const double f = 2.0 * (k + j) * (k + j + 1.0) / (k * (2.0 * k + 2.0 * j + 1.0));
  return std::ldexp(f, e);
}

std::uint32_t QuantileSketch::min_key() const {
  return key_of(zero_threshold, bits_);
}

std::uint32_t QuantileSketch::max_key() const {
  return key_of(std::numeric_limits<double>::max(), bits_);
}

void QuantileSketch::add(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("QuantileSketch: non-finite value");
  const double v = x + 0.0;
  add(std::span<const double>(&v, 1), RowScan{v, v, true});
}

void QuantileSketch::add(std::span<const double> values) {
  const RowScan scan = scan_row(values);
  if (!scan.all_finite) throw std::invalid_argument("QuantileSketch: non-finite value");
  add(values, scan);
}

void QuantileSketch::prefetch(const RowScan& scan) const {
  if (!(scan.min >= zero_threshold || scan.max <= -zero_threshold)) return;
  const bool negative = scan.max < 0;
  const SketchStore& s = negative ? negative_ : positive_;
  if (s.empty()) return;
  // The counters a row touches are scattered over up to some kilobytes, often out of the
  // nearer caches: fetch them in address order, a cache line at a time (at most 2^14 keys).
  constexpr std::uint64_t per_line = 64 / sizeof(SketchCounter);
  const std::uint64_t last = s.first() + s.size() - 1;
  const std::uint64_t lo =
      std::max<std::uint64_t>(key_of(negative ? -scan.max : scan.min, bits_), s.first());
  const std::uint64_t hi =
      std::min<std::uint64_t>(key_of(negative ? -scan.min : scan.max, bits_), last);
  if (lo > hi || hi - lo >= (std::uint64_t{1} << 14)) return;
  for (std::uint64_t k = lo; k <= hi; k += per_line)
    __builtin_prefetch(s.counters() + (k - s.first()), 1, 3);
}

void QuantileSketch::add(std::span<const double> values, const RowScan& scan) {
  if (values.empty()) return;
  count_ += values.size();
  min_ = std::min(min_, scan.min);
  max_ = std::max(max_, scan.max);
  const unsigned shift = static_cast<unsigned>(fraction_bits - bits_);
  const std::uint32_t slack = std::uint32_t{1} << bits_;
  if (scan.min >= zero_threshold || scan.max <= -zero_threshold) {
    // One sign, no zero bucket: the key is the magnitude's bits shifted.
    const bool negative = scan.max < 0;
    SketchStore& s = store(negative);
    const double small = negative ? -scan.max : scan.min;
    const double large = negative ? -scan.min : scan.max;
    s.cover(key_of(small, bits_), key_of(large, bits_), min_key(), max_key(), slack);
    prefetch(scan);
    const std::uint64_t first = s.first();
    for (std::size_t start = 0; start < values.size(); start += SketchStore::headroom) {
      const std::size_t end = std::min<std::size_t>(start + SketchStore::headroom, values.size());
      SketchCounter* counts = s.reserve(end - start);
      for (std::size_t i = start; i < end; ++i) {
        ++counts[((std::bit_cast<std::uint64_t>(values[i]) & abs_mask) >> shift) - first];
      }
    }
    return;
  }
  add_general(values, scan);
}

void QuantileSketch::add_general(std::span<const double> values, const RowScan& scan) {
  // Size the stores once: the largest magnitudes come from the scan, the smallest from a
  // vectorised pass.
  double small_positive = 0.0, small_negative = 0.0;
  smallest_magnitudes(values.data(), values.size(), zero_threshold, small_positive, small_negative);
  const std::uint32_t slack = std::uint32_t{1} << bits_;
  if (scan.max >= zero_threshold) {
    positive_.cover(key_of(small_positive, bits_), key_of(scan.max, bits_), min_key(), max_key(),
                    slack);
  }
  if (scan.min <= -zero_threshold) {
    negative_.cover(key_of(small_negative, bits_), key_of(-scan.min, bits_), min_key(), max_key(),
                    slack);
  }
  // Per block of values, the address of each value's counter first (vectorised), then
  // the increments: one branch-free loop whatever the signs. Four zero-bucket counters in
  // turn keep runs of zeros from serialising on one memory location, and so do four
  // counters for the key of the largest value (the 1 of a row of 0/1 indicators).
  SketchCounter local[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const auto origin = [](const SketchStore& s) {  // address of the counter of key 0
    return reinterpret_cast<std::uintptr_t>(s.counters()) - s.first() * sizeof(SketchCounter);
  };
  // A positive key (sign bit clear), never a tiny magnitude's: the largest is >= 2^-40.
  const bool has_top = scan.max >= zero_threshold;
  const SketchCounterMap map{static_cast<unsigned>(fraction_bits - bits_),
                             zero_threshold_bits,
                             has_top ? key_of(scan.max, bits_) : ~std::uint64_t{0},
                             origin(positive_),
                             origin(negative_),
                             local};
  constexpr std::size_t block = 512;
  static_assert(block <= SketchStore::headroom);
  std::uintptr_t addresses[block];
  for (std::size_t start = 0; start < values.size(); start += block) {
    const std::size_t n = std::min(block, values.size() - start);
    positive_.reserve(n);  // the counters stay where map points: reserve only carries
    negative_.reserve(n);
    sketch_counter_addresses(values.data() + start, n, map, addresses);
    for (std::size_t i = 0; i < n; ++i) ++*reinterpret_cast<SketchCounter*>(addresses[i]);
    zero_ += std::uint64_t{local[0]} + local[1] + local[2] + local[3];
    if (has_top) {
      positive_.add(static_cast<std::uint32_t>(map.top_key),
                    std::uint64_t{local[4]} + local[5] + local[6] + local[7]);
    }
    std::fill(local, local + 8, SketchCounter{0});
  }
}

void QuantileSketch::roll_back(const Mark& mark, std::span<const double> values) {
  const unsigned shift = static_cast<unsigned>(fraction_bits - bits_);
  for (const double x : values) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const std::uint64_t a = bits & abs_mask;
    if (a < zero_threshold_bits) continue;  // the zero count is restored below
    store((bits >> 63) != 0).remove_one(static_cast<std::uint32_t>(a >> shift));  // addressable
  }
  count_ = mark.count;
  zero_ = mark.zero_count;
  min_ = mark.min;
  max_ = mark.max;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.bits_ != bits_) {
    throw std::invalid_argument("QuantileSketch: merging sketches of different accuracy");
  }
  count_ += other.count_;
  zero_ += other.zero_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  for (const bool negative : {false, true}) {
    const SketchStore& from = negative ? other.negative_ : other.positive_;
    std::uint32_t a = 0, b = 0;
    if (!from.nonempty_range(a, b)) continue;
    SketchStore& to = store(negative);
    to.cover(a, b, min_key(), max_key(), std::uint32_t{1} << bits_);
    const std::vector<std::uint64_t> counts = from.counts(a, b);
    for (std::uint32_t k = a; k <= b; ++k)
      if (counts[k - a] != 0) to.add(k, counts[k - a]);
  }
}

std::vector<QuantileSketch::Bucket> QuantileSketch::buckets() const {
  std::vector<Bucket> out;
  std::uint32_t a = 0, b = 0;
  if (negative_.nonempty_range(a, b)) {
    const std::vector<std::uint64_t> counts = negative_.counts(a, b);
    for (std::uint32_t k = b + 1; k-- > a;) {
      const std::uint64_t c = counts[k - a];
      if (c == 0) continue;
      out.push_back(
          {-1, k, -bucket_upper(k, bits_), -bucket_lower(k, bits_), -bucket_value(k, bits_), c});
    }
  }
  if (zero_ > 0) out.push_back({0, 0, -zero_threshold, zero_threshold, 0.0, zero_});
  if (positive_.nonempty_range(a, b)) {
    const std::vector<std::uint64_t> counts = positive_.counts(a, b);
    for (std::uint32_t k = a; k <= b; ++k) {
      const std::uint64_t c = counts[k - a];
      if (c == 0) continue;
      out.push_back(
          {1, k, bucket_lower(k, bits_), bucket_upper(k, bits_), bucket_value(k, bits_), c});
    }
  }
  return out;
}

double QuantileSketch::quantile(double p) const {
  return EmpiricalDistribution::from_sketch(*this).quantile(p);
}

double QuantileSketch::cdf(double x) const {
  return EmpiricalDistribution::from_sketch(*this).cdf(x);
}

bool QuantileSketch::operator==(const QuantileSketch& other) const {
  if (bits_ != other.bits_ || count_ != other.count_ || zero_ != other.zero_) return false;
  if (count_ > 0 && (min_ != other.min_ || max_ != other.max_)) return false;
  const auto same = [](const SketchStore& x, const SketchStore& y) {
    std::uint32_t xa = 0, xb = 0, ya = 0, yb = 0;
    const bool xn = x.nonempty_range(xa, xb), yn = y.nonempty_range(ya, yb);
    if (xn != yn) return false;
    if (!xn) return true;
    return xa == ya && xb == yb && x.counts(xa, xb) == y.counts(ya, yb);
  };
  return same(positive_, other.positive_) && same(negative_, other.negative_);
}

}  // namespace spendcast::stats
