#pragma once

#include <cstddef>
#include <cstdint>

#include "random/stream.hpp"

namespace spendcast::random {

/// Two independent standard normals from two uniforms by the Box–Muller transform:
/// z0 = r cos 2πv, z1 = r sin 2πv with r = √(−2 ln u). Used for the step loop's shocks,
/// where monotonicity in the uniform is not needed (θ draws, Latin hypercube strata and
/// the copula keep the inverse CDF of normal.hpp). AVX2 with a scalar twin for tails
/// (util/simd_math.hpp's log, square root, sin and cos by their Taylor series on [0, π/4]
/// after an exact reduction of v to an octant): within 6e-16 of the radius
/// (tests/random/box_muller_test.cpp), and cheaper per normal than AS 241 (bench_rng's
/// figures: docs/PERFORMANCE.md). O(n). Every value takes the same operations whatever
/// its position: results are bitwise independent of n and of where a value sits in the
/// arrays. z0 may alias u and z1 may alias v (z0 must not alias v: radii are stored
/// first). u[i], v[i] in (0, 1).
void box_muller(const double* u, const double* v, double* z0, double* z1, std::size_t n);

/// The normal pair `draw` for (key, path, step): Box–Muller of the uniform pair of
/// uniform.hpp with the same address.
struct NormalPair {
  double first;
  double second;
};
NormalPair normal_pair(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw);

/// Fills first[i], second[i] (i < n) with the normal pair `draw` of paths first_path + i
/// at `step`; bitwise equal to normal_pair for every i.
void fill_normal_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                       std::uint32_t draw, double* first, double* second);

}  // namespace spendcast::random
