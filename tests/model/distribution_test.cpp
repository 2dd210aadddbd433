#include "model/distribution.hpp"

#include <gtest/gtest.h>

#include <array>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

#include "../sim/fixtures.hpp"

namespace spendcast::model {
namespace {

namespace bm = boost::math;
using testing::lognormal;
using testing::normal;

/// Uniforms over the whole open grid, tails included, in an odd count (vector tails).
std::vector<double> grid() {
  std::vector<double> u;
  for (double t = 0x1p-53; t < 0.5; t *= 1.31) {
    u.push_back(t);
    u.push_back(1.0 - t);
  }
  for (int i = 1; i < 1001; ++i) u.push_back(i / 1001.0);
  if (u.size() % 2 == 0) u.push_back(0.5);
  return u;
}

TEST(Distribution, NormalAndLognormalQuantilesAgreeWithBoost) {
  const Distribution n(normal(0.1, 0.05)), l(lognormal(-1.5, 0.6));
  const bm::normal_distribution<double> bn(0.1, 0.05);
  const bm::lognormal_distribution<double> bl(-1.5, 0.6);
  for (double u : grid()) {
    const double en = bm::quantile(bn, u), el = bm::quantile(bl, u);
    EXPECT_NEAR(n.quantile(u), en, 1e-13 * std::max(1.0, std::fabs(en))) << u;
    EXPECT_NEAR(l.quantile(u) / el, 1.0, 1e-12) << u;  // AS 241 in the far tails: ~1e-13
  }
}

TEST(Distribution, BatchQuantilesAreBitwiseTheOneValueQuantiles) {
  scenario::DistSpec truncated = lognormal(std::log(0.05), 0.5);
  truncated.truncate = std::array<double, 2>{0.0, 0.5};
  scenario::DistSpec uniform;
  uniform.kind = scenario::DistSpec::Kind::uniform;
  uniform.min = 0.3;
  uniform.max = 0.6;
  const std::vector<double> u = grid();
  for (const scenario::DistSpec& s :
       {normal(0.1, 0.05), lognormal(-1.5, 0.6), truncated, uniform}) {
    const Distribution d(s);
    std::vector<double> out(u.size());
    d.quantiles(u.data(), out.data(), u.size());
    for (std::size_t i = 0; i < u.size(); ++i) ASSERT_EQ(out[i], d.quantile(u[i])) << u[i];
    std::vector<double> in_place(u);
    d.quantiles(in_place.data(), in_place.data(), u.size());
    EXPECT_EQ(in_place, out);
  }
}

}  // namespace
}  // namespace spendcast::model
