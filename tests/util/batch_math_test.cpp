#include "util/batch_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace spendcast::util {
namespace {

/// |a − b| in units of the spacing of doubles at b (b normal and finite).
double ulps(double a, long double b) {
  const double spacing =
      std::nextafter(static_cast<double>(std::fabs(b)), std::numeric_limits<double>::infinity()) -
      static_cast<double>(std::fabs(b));
  return static_cast<double>(std::fabs(a - b)) / spacing;
}

TEST(BatchExp, WithinAnUlpOfTheLongDoubleExp) {
  std::vector<double> x;
  for (double v = -708.0; v <= 709.0; v += 0.0137) x.push_back(v);
  for (double v = -2.0; v <= 2.0; v += 1.0 / 4096) x.push_back(v);  // where the kernel lives
  for (double v : {0.5 * std::log(2.0), -0.5 * std::log(2.0), 1e-300, -1e-300, 0.0, -0.0})
    x.push_back(v);
  std::vector<double> y(x.size());
  batch_exp(x.data(), y.data(), x.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i)
    worst = std::max(worst, ulps(y[i], std::exp(static_cast<long double>(x[i]))));
  // Measured: 1.0 ulp at the ends of the range (|k| near 1021, where rounding r = x − k ln 2
  // costs up to half an ulp), at most 0.83 for |x| < 700.
  EXPECT_LT(worst, 1.25) << "worst error in ulps";
  EXPECT_GT(worst, 0.0) << "no error at all would mean the reference is the same code";
}

TEST(BatchExp, EdgesOfTheRangeMatchStdExp) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> x = {-inf,  -1e300, -800.0, -745.2, -745.0, -740.0, -720.0, -708.5,
                           709.7, 709.79, 709.8,  710.0,  1e300,  inf,    0.0,    -0.0};
  std::vector<double> y(x.size());
  batch_exp(x.data(), y.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double expected = std::exp(x[i]);
    if (expected == 0.0 || std::isinf(expected)) {
      EXPECT_EQ(y[i], expected) << "x = " << x[i];
    } else if (expected < std::numeric_limits<double>::min()) {  // subnormal: absolute
      EXPECT_NEAR(y[i], expected, std::numeric_limits<double>::denorm_min()) << "x = " << x[i];
    } else {
      EXPECT_LT(ulps(y[i], std::exp(static_cast<long double>(x[i]))), 1.0) << "x = " << x[i];
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double z = 0.0;
  batch_exp(&nan, &z, 1);
  EXPECT_TRUE(std::isnan(z));
}

TEST(BatchExp, BitwiseIndependentOfPositionAndLength) {
  // The SIMD body and the scalar tail must compute the same bits.
  std::vector<double> x(61);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -30.0 + 1.013 * i;
  std::vector<double> all(x.size());
  batch_exp(x.data(), all.data(), x.size());
  for (std::size_t start = 0; start < x.size(); start += 3) {
    for (std::size_t len = 1; start + len <= x.size(); len += 4) {
      std::vector<double> part(x.begin() + start, x.begin() + start + len);
      batch_exp(part.data(), part.data(), len);  // in place
      for (std::size_t k = 0; k < len; ++k) ASSERT_EQ(part[k], all[start + k]) << start + k;
    }
  }
}

TEST(BatchLog, WithinAnUlpAndStdLogOutsideTheNormalRange) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> x = {0.0,    -0.0,
                           -1.0,   inf,
                           -inf,   std::numeric_limits<double>::denorm_min(),
                           1e-310, std::numeric_limits<double>::min(),
                           1.0,    0.5,
                           3.0};
  for (double v = 1e-300; v < 1e300; v *= 3.7) x.push_back(v);
  std::vector<double> y(x.size());
  batch_log(x.data(), y.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double expected = std::log(x[i]);
    if (!std::isfinite(expected) || expected == 0.0) {
      EXPECT_TRUE(y[i] == expected || (std::isnan(y[i]) && std::isnan(expected))) << x[i];
    } else {
      EXPECT_LT(ulps(y[i], std::log(static_cast<long double>(x[i]))), 1.0) << x[i];
    }
  }
}

TEST(BatchLog, BitwiseIndependentOfPositionAndOfItsNeighbours) {
  // A zero among the values sends its group of four to the per-value path: the others
  // must still get the bits they get anywhere else.
  std::vector<double> x(41);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.01 + 0.37 * i;
  std::vector<double> all(x.size());
  batch_log(x.data(), all.data(), x.size());
  std::vector<double> with_zero(x);
  with_zero[5] = 0.0;
  std::vector<double> out(x.size());
  batch_log(with_zero.data(), out.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i != 5) {
      ASSERT_EQ(out[i], all[i]) << i;
    }
  }
  for (std::size_t start = 0; start < x.size(); start += 3) {
    std::vector<double> part(x.begin() + start, x.end());
    batch_log(part.data(), part.data(), part.size());
    for (std::size_t k = 0; k < part.size(); ++k) ASSERT_EQ(part[k], all[start + k]);
  }
}

}  // namespace
}  // namespace spendcast::util
