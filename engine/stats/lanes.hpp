#pragma once

#include <cstddef>
#include <cstdint>

namespace spendcast::stats {

/// Counting kernels over contiguous doubles, written with GCC/Clang vector extensions
/// so that they vectorise without -ffast-math (the compiler keeps scalar loops of
/// double comparisons scalar). Results are exact integer counts.

/// Number of i < n with x[i] >= t.
std::uint64_t count_at_least(const double* x, std::size_t n, double t);
/// Number of i < n with a[i] > b[i].
std::uint64_t count_greater(const double* a, const double* b, std::size_t n);
/// Number of i < n with x[i] != 0.
std::uint64_t count_nonzero(const double* x, std::size_t n);
/// Number of i < n with index[i] == v.
std::uint64_t count_equal(const std::int64_t* index, std::size_t n, std::int64_t v);
/// Where s[i] > best[i]: best[i] = s[i] and index[i] = v (a running first argmax).
void update_argmax(const double* s, std::size_t n, std::int64_t v, double* best,
                   std::int64_t* index);
/// The smallest x[i] >= t (into `positive`) and the smallest -x[i] with x[i] <= -t (into
/// `negative`), t > 0; +inf where there is none.
void smallest_magnitudes(const double* x, std::size_t n, double t, double& positive,
                         double& negative);
/// m[i] = max(m[i], x[i]).
void running_max(const double* x, std::size_t n, double* m);

}  // namespace spendcast::stats
