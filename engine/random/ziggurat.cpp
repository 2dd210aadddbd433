#include "random/ziggurat.hpp"

#include <array>
#include <bit>
#include <cmath>

#include "random/uniform.hpp"
#include "util/batch_math.hpp"
#include "util/simd_math.hpp"

namespace spendcast::random {

namespace ziggurat {

namespace {

/// The word's 52-bit position as a uniform in (0, 1) (uniform.hpp's grid).
double unit(std::uint64_t word) {
  return to_unit_open(word);
}

Layers build() {
  Layers t;
  const double v = layer_area;
  t.edge[1] = tail_start;
  t.height[1] = density(tail_start);
  t.edge[0] = v / t.height[1];
  t.height[0] = 0.0;
  for (int i = 1; i < layers - 1; ++i) {
    t.height[i + 1] = t.height[i] + v / t.edge[i];  // layer i's area is v
    t.edge[i + 1] = std::sqrt(-2.0 * util::simd::log_positive_normal(t.height[i + 1]));
  }
  t.edge[layers] = 0.0;
  t.height[layers] = 1.0;
  for (int i = 0; i < layers; ++i)
    t.steps[i] = {t.edge[i] * 0x1p-52,
                  static_cast<std::uint64_t>(std::floor(t.edge[i + 1] / t.edge[i] * 0x1p52))};
  return t;
}

}  // namespace

const Layers& table() {
  static const Layers layers_table = build();
  return layers_table;
}

double density(double x) {
  return util::simd::exp(-0.5 * x * x);
}

void densities(const double* x, double* f, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) f[i] = -0.5 * x[i] * x[i];
  util::batch_exp(f, f, n);
}

double wedge_height(int layer, std::uint64_t u) {
  const Layers& t = table();
  return t.height[layer] + unit(u) * (t.height[layer + 1] - t.height[layer]);
}

bool under_curve(int layer, double x, std::uint64_t u) {
  return wedge_height(layer, u) < density(x);
}

bool tail_try(std::uint64_t u1, std::uint64_t u2, double& x) {
  const double a = -util::simd::log_positive_normal(unit(u1)) / tail_start;
  const double b = -util::simd::log_positive_normal(unit(u2));
  if (!(b + b > a * a)) return false;
  x = tail_start + a;
  return true;
}

}  // namespace ziggurat

namespace {

/// The scalar twin of the first-word step for one word: returns whether it is accepted.
inline bool first_word(std::uint64_t word, double& z) {
  const ziggurat::Candidate c = ziggurat::candidate(word);
  z = c.negative ? -c.x : c.x;
  return c.accepted;
}

#if SPENDCAST_SIMD_MATH_AVX2
/// For each 4-bit mask of rejected words, their positions 0..3 packed to the front.
alignas(16) constexpr auto left_packed = [] {
  std::array<std::array<std::uint32_t, 4>, 16> table{};
  for (unsigned mask = 0; mask < 16; ++mask) {
    int n = 0;
    for (std::uint32_t k = 0; k < 4; ++k)
      if (mask >> k & 1) table[mask][n++] = k;
  }
  return table;
}();

/// Layer k's step (scale, inner) of words[k] as one 128-bit load; its layer is the word's
/// low byte (little-endian: the first byte in memory).
inline __m128i step_of(const std::uint64_t* word, const ziggurat::Layers& t) {
  const auto layer = *reinterpret_cast<const unsigned char*>(word);
  return _mm_load_si128(reinterpret_cast<const __m128i*>(&t.steps[layer]));
}

/// Four words: the same integer operations and the same multiply as ziggurat::candidate.
/// The position (below 2^52) becomes a double exactly as (2^52 + position) − 2^52.
inline int first_four(const std::uint64_t* words, double* z, const ziggurat::Layers& t) {
  static_assert(std::endian::native == std::endian::little);
  // (scale, inner) of words 0 and 2 in one register, of 1 and 3 in the other: unpacking
  // their low and high halves gives the four scales and the four inner bounds in order.
  const __m256i even =
      _mm256_inserti128_si256(_mm256_castsi128_si256(step_of(words, t)), step_of(words + 2, t), 1);
  const __m256i odd = _mm256_inserti128_si256(_mm256_castsi128_si256(step_of(words + 1, t)),
                                              step_of(words + 3, t), 1);
  const __m256d scale = _mm256_castsi256_pd(_mm256_unpacklo_epi64(even, odd));
  const __m256i inner = _mm256_unpackhi_epi64(even, odd);
  const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(words));
  const __m256i position = _mm256_srli_epi64(w, ziggurat::position_shift);
  const __m256d two52 = _mm256_set1_pd(0x1p52);
  const __m256d position_value = _mm256_sub_pd(
      _mm256_castsi256_pd(_mm256_or_si256(position, _mm256_castpd_si256(two52))), two52);
  const __m256i sign = _mm256_slli_epi64(_mm256_srli_epi64(w, ziggurat::sign_bit), 63);
  const __m256d x = _mm256_mul_pd(position_value, scale);
  _mm256_storeu_pd(z, _mm256_xor_pd(x, _mm256_castsi256_pd(sign)));
  const __m256i accepted = _mm256_cmpgt_epi64(inner, position);
  return _mm256_movemask_pd(_mm256_castsi256_pd(accepted));
}
#endif

}  // namespace

std::size_t ziggurat_first_words(const std::uint64_t* words, double* z, std::size_t n,
                                 std::uint32_t* rejected) {
  std::size_t count = 0, i = 0;
#if SPENDCAST_SIMD_MATH_AVX2
  const ziggurat::Layers& t = ziggurat::table();
  for (; i + 4 <= n; i += 4) {
    // Left-packs the indices of the rejected words without a branch (a rejection is
    // unpredictable): all four slots are written, `count` advances by how many count.
    const unsigned left = ~static_cast<unsigned>(first_four(words + i, z + i, t)) & 0xfu;
    const __m128i packed =
        _mm_add_epi32(_mm_set1_epi32(static_cast<int>(i)),
                      _mm_load_si128(reinterpret_cast<const __m128i*>(left_packed[left].data())));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(rejected + count), packed);
    count += static_cast<std::size_t>(std::popcount(left));
  }
#endif
  for (; i < n; ++i)
    if (!first_word(words[i], z[i])) rejected[count++] = static_cast<std::uint32_t>(i);
  return count;
}

}  // namespace spendcast::random
