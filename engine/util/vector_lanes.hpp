#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace spendcast::util::vec {

// The project's idiom for plain arithmetic and comparisons across lanes of doubles
// (docs/STATISTICS.md, "Fast paths and their reference twins"): GCC/Clang vector
// extensions, which vectorise without -ffast-math and read as scalar code. 32-byte
// vectors with AVX (x86-64-v3, the default build), else 16 bytes: SSE2, the x86-64
// baseline (32 bytes without -mavx would change the ABI of these inline helpers and be
// split in two anyway).
#if defined(__AVX__)
inline constexpr std::size_t vector_bytes = 32;
#else
inline constexpr std::size_t vector_bytes = 16;
#endif

/// A vector of doubles.
typedef double Doubles __attribute__((vector_size(vector_bytes)));
/// A vector of 64-bit integers, as wide as Doubles: a comparison of Doubles gives one,
/// −1 where true and 0 where false.
typedef std::int64_t Ints __attribute__((vector_size(vector_bytes)));
/// Values per vector.
inline constexpr std::size_t width = vector_bytes / sizeof(double);

/// Every lane `x`.
inline Doubles splat(double x) {
  Doubles v;
  for (std::size_t l = 0; l < width; ++l) v[l] = x;
  return v;
}
/// Every lane `x`.
inline Ints splat(std::int64_t x) {
  Ints v;
  for (std::size_t l = 0; l < width; ++l) v[l] = x;
  return v;
}

/// `width` values from `p`, any alignment.
inline Doubles load(const double* p) {
  Doubles v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
/// `width` values from `p`, any alignment.
inline Ints load(const std::int64_t* p) {
  Ints v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace spendcast::util::vec
