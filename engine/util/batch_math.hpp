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

/// out[i] = exp(in[i]) with Eigen's vectorised exp (about 1 ulp), bitwise reproducible.
void batch_exp(const double* in, double* out, std::size_t n);

/// out[i] = log(in[i]) with Eigen's vectorised log (about 1 ulp), in[i] > 0.
void batch_log(const double* in, double* out, std::size_t n);

}  // namespace spendcast
