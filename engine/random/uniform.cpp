#include "random/uniform.hpp"

namespace spendcast::random {

void fill_uniform_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                        std::uint32_t draw, double* first, double* second) {
  for (std::size_t i = 0; i < n; ++i) {
    const Counter r = philox4x32_10(make_counter(first_path + i, step, draw), key);
    first[i] = to_unit_open(r[0], r[1]);
    second[i] = to_unit_open(r[2], r[3]);
  }
}

void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const Counter r = philox4x32_10(make_counter(first_path + i, step, draw), key);
    out[i] = to_unit_open(r[0], r[1]);
  }
}

}  // namespace spendcast::random
