#pragma once

#include <cstddef>

namespace spendcast::util {

/// out[i] = exp(in[i]) within about an ulp (tests/util/batch_math_test.cpp), 0 below
/// −745 and +inf above 709.8 like std::exp, NaN for NaN; SIMD with a scalar twin for
/// the tail that computes the same bits, so every value's result is independent of its
/// position. O(n), no division. `in` may equal `out`.
void batch_exp(const double* in, double* out, std::size_t n);

/// out[i] = log(in[i]) within an ulp for positive normal finite values (simd_math.hpp's
/// log, vector or scalar twin: the same bits either way); std::log for the others (0,
/// negatives, subnormals, infinities, NaN). `in` may equal `out`.
void batch_log(const double* in, double* out, std::size_t n);

}  // namespace spendcast::util
