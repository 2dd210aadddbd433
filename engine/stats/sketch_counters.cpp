#include "stats/sketch_counters.hpp"

#include <bit>

#include "util/double_bits.hpp"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace spendcast::stats {

namespace {

using util::binary64::abs_mask;

// One value, with masks only (a select of pointers compiles to branches).
std::uintptr_t address_of(double value, std::size_t i, const SketchCounterMap& map) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  const std::uint64_t a = bits & abs_mask;
  const std::uintptr_t negative = 0 - static_cast<std::uintptr_t>(bits >> 63);
  const std::uintptr_t tiny = 0 - static_cast<std::uintptr_t>(a < map.tiny_below);
  // The sign bit makes a negative value's bits >> shift differ from top_key.
  const std::uintptr_t top = 0 - static_cast<std::uintptr_t>((bits >> map.shift) == map.top_key);
  const std::uintptr_t in_store = ((map.negative & negative) | (map.positive & ~negative)) +
                                  (a >> map.shift) * sizeof(SketchCounter);
  const std::uintptr_t in_local =
      reinterpret_cast<std::uintptr_t>(map.local) + ((i & 3) | (~tiny & 4)) * sizeof(SketchCounter);
  const std::uintptr_t use_local = tiny | top;
  return (in_local & use_local) | (in_store & ~use_local);
}

}  // namespace

void sketch_counter_addresses(const double* x, std::size_t n, const SketchCounterMap& map,
                              std::uintptr_t* out) {
  std::size_t i = 0;
#if defined(__AVX2__)
  const __m256i abs_v = _mm256_set1_epi64x(static_cast<long long>(abs_mask));
  const __m256i tiny_v = _mm256_set1_epi64x(static_cast<long long>(map.tiny_below));
  const __m256i top_v = _mm256_set1_epi64x(static_cast<long long>(map.top_key));
  const __m256i shift_v = _mm256_set1_epi64x(map.shift);
  const __m256i pos_v = _mm256_set1_epi64x(static_cast<long long>(map.positive));
  const __m256i neg_v = _mm256_set1_epi64x(static_cast<long long>(map.negative));
  const auto local = static_cast<long long>(reinterpret_cast<std::uintptr_t>(map.local));
  constexpr long long size = sizeof(SketchCounter);
  constexpr int size_log2 = std::countr_zero(sizeof(SketchCounter));
  const __m256i zero_slots =
      _mm256_setr_epi64x(local, local + size, local + 2 * size, local + 3 * size);
  const __m256i top_offset = _mm256_set1_epi64x(4 * size);
  const __m256i zero = _mm256_setzero_si256();
  for (; i + 4 <= n; i += 4) {
    const __m256i bits = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i));
    const __m256i a = _mm256_and_si256(bits, abs_v);
    const __m256i tiny = _mm256_cmpgt_epi64(tiny_v, a);  // magnitudes < 2^63: signed is fine
    const __m256i top = _mm256_cmpeq_epi64(_mm256_srlv_epi64(bits, shift_v), top_v);
    const __m256i negative = _mm256_cmpgt_epi64(zero, bits);
    const __m256i origin = _mm256_blendv_epi8(pos_v, neg_v, negative);
    const __m256i in_store =
        _mm256_add_epi64(origin, _mm256_slli_epi64(_mm256_srlv_epi64(a, shift_v), size_log2));
    const __m256i in_local = _mm256_add_epi64(zero_slots, _mm256_andnot_si256(tiny, top_offset));
    const __m256i address = _mm256_blendv_epi8(in_store, in_local, _mm256_or_si256(tiny, top));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), address);
  }
#endif
  for (; i < n; ++i) out[i] = address_of(x[i], i, map);
}

}  // namespace spendcast::stats
