#include "util/batch_math.hpp"

namespace spendcast {

void batch_exp(const double* in, double* out, std::size_t n) {
  for_each_lane_chunk(in, out, n, 0.0, [](const LaneArray& x) -> LaneArray { return x.exp(); });
}

void batch_log(const double* in, double* out, std::size_t n) {
  for_each_lane_chunk(in, out, n, 1.0, [](const LaneArray& x) -> LaneArray { return x.log(); });
}

}  // namespace spendcast
