#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstring>

namespace spendcast {

/// Lanes processed together by the batch functions: every value goes through the same
/// SIMD code whatever its position or the array's alignment, so results are bitwise
/// independent of block size and layout (Eigen would otherwise finish an unaligned or
/// odd-sized array with scalar std:: calls that round differently).
inline constexpr std::size_t batch_lanes = 8;

/// A fixed-size chunk of lanes, aligned by Eigen and fully vectorised.
using LaneArray = Eigen::Array<double, batch_lanes, 1>;

/// Applies `f` (LaneArray -> LaneArray) to in[0..n) and writes out[0..n). A short last
/// chunk is padded with `pad` (a value `f` accepts), computed, and only n values copied.
/// `in` and `out` may be the same array.
template <class F>
void for_each_lane_chunk(const double* in, double* out, std::size_t n, double pad, F&& f) {
  LaneArray chunk;
  std::size_t i = 0;
  for (; i + batch_lanes <= n; i += batch_lanes) {
    std::memcpy(chunk.data(), in + i, sizeof(double) * batch_lanes);
    const LaneArray r = f(chunk);
    std::memcpy(out + i, r.data(), sizeof(double) * batch_lanes);
  }
  if (i < n) {
    chunk.setConstant(pad);
    std::memcpy(chunk.data(), in + i, sizeof(double) * (n - i));
    const LaneArray r = f(chunk);
    std::memcpy(out + i, r.data(), sizeof(double) * (n - i));
  }
}

/// out[i] = exp(in[i]) within about an ulp (tests/util/batch_math_test.cpp), 0 below
/// −745 and +inf above 709.8 like std::exp, NaN for NaN; SIMD with a scalar twin for
/// the tail that computes the same bits, so every value's result is independent of its
/// position. No division, unlike Eigen's exp (which cost 11 % of the kernel). `in` may
/// equal `out`.
void batch_exp(const double* in, double* out, std::size_t n);

/// out[i] = log(in[i]) within an ulp for positive normal finite values (simd_math.hpp's
/// log, vector or scalar twin: the same bits either way); std::log for the others (0,
/// negatives, subnormals, infinities, NaN). `in` may equal `out`.
void batch_log(const double* in, double* out, std::size_t n);

}  // namespace spendcast
