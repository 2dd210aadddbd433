#include "stats/lanes.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "util/vector_lanes.hpp"

namespace spendcast::stats {

namespace {

using util::vec::Doubles;
using util::vec::Ints;
using util::vec::load;
using util::vec::splat;
constexpr std::size_t lanes = util::vec::width;
constexpr std::size_t step = 2 * lanes;  // two vectors per iteration

/// The number of true lanes in two vectors of comparison masks.
inline std::uint64_t total(Ints a, Ints b) {
  const Ints s = a + b;  // comparison masks are -1 where true
  std::int64_t t = 0;
  for (std::size_t l = 0; l < lanes; ++l) t += s[l];
  return static_cast<std::uint64_t>(-t);
}

}  // namespace

std::uint64_t count_at_least(const double* x, std::size_t n, double t) {
  Ints c0 = {}, c1 = {};
  const Doubles tv = splat(t);
  std::size_t i = 0;
  for (; i + step <= n; i += step) {
    c0 += load(x + i) >= tv;
    c1 += load(x + i + lanes) >= tv;
  }
  std::uint64_t r = total(c0, c1);
  for (; i < n; ++i) r += x[i] >= t ? 1 : 0;
  return r;
}

std::uint64_t count_greater(const double* a, const double* b, std::size_t n) {
  Ints c0 = {}, c1 = {};
  std::size_t i = 0;
  for (; i + step <= n; i += step) {
    c0 += load(a + i) > load(b + i);
    c1 += load(a + i + lanes) > load(b + i + lanes);
  }
  std::uint64_t r = total(c0, c1);
  for (; i < n; ++i) r += a[i] > b[i] ? 1 : 0;
  return r;
}

std::uint64_t count_nonzero(const double* x, std::size_t n) {
  Ints c0 = {}, c1 = {};
  const Doubles zero = {};
  std::size_t i = 0;
  for (; i + step <= n; i += step) {
    c0 += load(x + i) != zero;
    c1 += load(x + i + lanes) != zero;
  }
  std::uint64_t r = total(c0, c1);
  for (; i < n; ++i) r += x[i] != 0.0 ? 1 : 0;
  return r;
}

std::uint64_t count_equal(const std::int64_t* index, std::size_t n, std::int64_t v) {
  Ints c0 = {}, c1 = {};
  const Ints vv = splat(v);
  std::size_t i = 0;
  for (; i + step <= n; i += step) {
    c0 += load(index + i) == vv;
    c1 += load(index + i + lanes) == vv;
  }
  std::uint64_t r = total(c0, c1);
  for (; i < n; ++i) r += index[i] == v ? 1 : 0;
  return r;
}

void update_argmax(const double* s, std::size_t n, std::int64_t v, double* best,
                   std::int64_t* index) {
  const Ints vv = splat(v);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const Doubles x = load(s + i), b = load(best + i);
    const Ints above = x > b;
    const Doubles nb = above ? x : b;
    const Ints ni = above ? vv : load(index + i);
    std::memcpy(best + i, &nb, sizeof nb);
    std::memcpy(index + i, &ni, sizeof ni);
  }
  for (; i < n; ++i) {
    if (s[i] > best[i]) {
      best[i] = s[i];
      index[i] = v;
    }
  }
}

void smallest_magnitudes(const double* x, std::size_t n, double t, double& positive,
                         double& negative) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const Doubles tv = splat(t), infs = splat(inf);
  Doubles pos = infs, neg = infs;
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const Doubles v = load(x + i);
    const Doubles p = v >= tv ? v : infs;
    const Doubles q = -v >= tv ? -v : infs;
    pos = p < pos ? p : pos;
    neg = q < neg ? q : neg;
  }
  positive = inf;
  negative = inf;
  for (std::size_t l = 0; l < lanes; ++l) {
    positive = std::min(positive, pos[l]);
    negative = std::min(negative, neg[l]);
  }
  for (; i < n; ++i) {
    if (x[i] >= t) positive = std::min(positive, x[i]);
    if (-x[i] >= t) negative = std::min(negative, -x[i]);
  }
}

void running_max(const double* x, std::size_t n, double* m) {
  for (std::size_t i = 0; i < n; ++i) m[i] = std::max(m[i], x[i]);
}

}  // namespace spendcast::stats
