#include "stats/exact_sum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "stats/big_int.hpp"

#include <nlohmann/json.hpp>

namespace spendcast::stats {
namespace {

TEST(ExactSum, JsonLeavesOutTrailingZeroDigitsAndReadsThemWrittenOut) {
  ExactSum s = ExactSum::for_values();
  for (const double x : {45.5, -3.25, 1e6}) s.add(x);
  const nlohmann::json j = s.to_json();
  // 1,000,042.25 = 0x3d09a9 * 2^-2: the fixed point 2^-1074 and 268 zero digits left out.
  EXPECT_EQ(j, nlohmann::json({{"lsb_exponent", -2}, {"hex", "3d09a9"}}));
  EXPECT_TRUE(ExactSum::from_json(j, ExactSum::for_values()) == s);
  // As version 1 states wrote it: every digit at the fixed point.
  const nlohmann::json v1 = {{"lsb_exponent", -1074}, {"hex", s.value().to_hex()}};
  EXPECT_EQ(v1["hex"].get<std::string>().size(), 6u + 268);
  EXPECT_TRUE(ExactSum::from_json(v1, ExactSum::for_values()) == s);
  const ExactSum zero = ExactSum::for_values();
  EXPECT_EQ(zero.to_json(), nlohmann::json({{"lsb_exponent", -1074}, {"hex", "0"}}));
  EXPECT_TRUE(ExactSum::from_json(zero.to_json(), ExactSum::for_values()) == zero);
  // Below the fixed point, between hex digits, or beyond the sum's range: refused.
  for (const int lsb : {-1075, -3, 100000})
    EXPECT_THROW(
        ExactSum::from_json({{"lsb_exponent", lsb}, {"hex", "3d09a9"}}, ExactSum::for_values()),
        std::invalid_argument)
        << lsb;
}

TEST(ExactSum, CancelsHugeTermsAndKeepsTinyOnes) {
  ExactSum s = ExactSum::for_values();
  for (const double x : {1e300, 1.0, -1e300, 0x1p-1074, 3.0, -1.0, 0x1p-1074, -3.0}) s.add(x);
  // 1 + 3 - 1 - 3 = 0 and 1e300 - 1e300 = 0 leave 2 * 2^-1074 = 2^-1073 exactly.
  EXPECT_EQ(s.to_double(), 0x1p-1073);
  EXPECT_EQ(s.value(), BigInt::from_u64(2));
}

TEST(ExactSum, RoundsOnceToNearestEven) {
  ExactSum s = ExactSum::for_values();
  s.add(1.0);
  s.add(0x1p-53);  // exactly half an ulp of 1: a tie, rounds to the even 1
  EXPECT_EQ(s.to_double(), 1.0);
  s.add(0x1p-200);  // now just above the tie
  EXPECT_EQ(s.to_double(), 1.0 + 0x1p-52);
  s.add(-0x1p-200);
  s.add(-0x1p-199);  // just below the tie
  EXPECT_EQ(s.to_double(), 1.0);
  ExactSum neg = ExactSum::for_values();
  neg.add(-1.0);
  neg.add(-0x1p-53);
  neg.add(-0x1p-60);
  EXPECT_EQ(neg.to_double(), -(1.0 + 0x1p-52));
}

TEST(ExactSum, OverflowsOnlyWhenRounding) {
  ExactSum s = ExactSum::for_values();
  const double big = std::numeric_limits<double>::max();
  s.add(big);
  s.add(big);
  EXPECT_EQ(s.to_double(), std::numeric_limits<double>::infinity());
  s.add(-big);
  EXPECT_EQ(s.to_double(), big);
}

TEST(ExactSum, MatchesIntegerReferenceOverManyMagnitudes) {
  // Terms m 2^e with lsb exponents in [-92, -52]: all multiples of 2^-92 below 2^41, so a
  // 128-bit integer in units of 2^-92 is an exact reference.
  std::mt19937_64 rng(20240601);
  std::uniform_int_distribution<std::uint64_t> mantissa(1, (std::uint64_t{1} << 53) - 1);
  std::uniform_int_distribution<int> exponent(-92, -52);
  __extension__ typedef __int128 Int128;
  __extension__ typedef unsigned __int128 Uint128;
  Int128 reference = 0;
  ExactSum s = ExactSum::for_values();
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t m = mantissa(rng);
    const int e = exponent(rng);
    const bool negative = (rng() & 1) != 0;
    const double x = std::ldexp(static_cast<double>(m), e) * (negative ? -1.0 : 1.0);
    ASSERT_EQ(std::ldexp(x, -e), negative ? -static_cast<double>(m) : static_cast<double>(m));
    const Int128 term = static_cast<Int128>(m) << (e + 92);
    reference += negative ? -term : term;
    s.add(x);
  }
  const bool negative = reference < 0;
  const auto magnitude = static_cast<Uint128>(negative ? -reference : reference);
  const BigInt expected =
      BigInt::from_u64(static_cast<std::uint64_t>(magnitude >> 64), negative)
          .shifted_left(64)
          .plus(BigInt::from_u64(static_cast<std::uint64_t>(magnitude), negative))
          .shifted_left(1074 - 92);
  EXPECT_EQ(s.value(), expected);
}

TEST(ExactSum, OrderAndMergeFree) {
  std::mt19937_64 rng(7);
  std::vector<double> x;
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> e(-1000, 1000);
  for (int i = 0; i < 5000; ++i) x.push_back(std::ldexp(u(rng), e(rng)));
  ExactSum a = ExactSum::for_values();
  for (const double v : x) a.add(v);
  std::shuffle(x.begin(), x.end(), rng);
  ExactSum b = ExactSum::for_values(), c = ExactSum::for_values();
  for (std::size_t i = 0; i < x.size(); ++i) (i % 3 == 0 ? b : c).add(x[i]);
  c.merge(b);
  EXPECT_TRUE(a == c);
  EXPECT_EQ(a.to_double(), c.to_double());
  // Adding every term's negation leaves exactly zero.
  for (const double v : x) c.add(-v);
  EXPECT_TRUE(c.value().is_zero());
  EXPECT_EQ(c.to_double(), 0.0);
}

TEST(ExactSum, SquaresAreExactBeyondTheDoubleRange) {
  ExactSum s = ExactSum::for_squares();
  s.add_square(1e200);      // 1e400 overflows a double
  s.add_square(0x1p-1074);  // 2^-2148 underflows one
  s.add_square(-1e200);
  // 2 * 1e200^2 + 2^-2148, as an integer in units of 2^-2148.
  const BigInt m = BigInt::from_u64(static_cast<std::uint64_t>(std::ldexp(1e200, -612)));
  const BigInt expected =
      m.times(m).shifted_left(2 * (612 + 1074)).times(2).plus(BigInt::from_u64(1));
  EXPECT_EQ(s.value(), expected);
  EXPECT_EQ(s.to_double(), std::numeric_limits<double>::infinity());
}

TEST(ExactSum, RejectsForeignMerges) {
  ExactSum a = ExactSum::for_values();
  EXPECT_THROW(a.merge(ExactSum::for_squares()), std::invalid_argument);
  EXPECT_THROW(a.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST(BigInt, ArithmeticAndHex) {
  const BigInt a = BigInt::from_hex("-123456789abcdef0123456789");
  EXPECT_EQ(a.to_hex(), "-123456789abcdef0123456789");
  EXPECT_EQ(BigInt::from_hex("0").to_hex(), "0");
  const BigInt b = BigInt::from_u64(0xffffffffffffffffULL);
  EXPECT_EQ(b.times(b).to_hex(), "fffffffffffffffe0000000000000001");
  EXPECT_EQ(b.plus(BigInt::from_u64(1)).to_hex(), "10000000000000000");
  EXPECT_EQ(BigInt::from_u64(5).minus(BigInt::from_u64(7)).to_hex(), "-2");
  BigInt q = BigInt::from_hex("10000000000000000000000000");  // 2^100
  EXPECT_EQ(q.divide_magnitude(3), 1u);                       // 2^100 = 1 mod 3
  EXPECT_EQ(q.times(3).plus(BigInt::from_u64(1)).to_hex(), "10000000000000000000000000");
  EXPECT_THROW(BigInt::from_hex("12g"), std::invalid_argument);
}

TEST(BigInt, ToDoubleRoundsCorrectlyIncludingSubnormals) {
  const BigInt three = BigInt::from_u64(3);
  EXPECT_EQ(three.to_double(-1076), 0x1p-1074);          // 0.75 * 2^-1074: nearest is 2^-1074
  EXPECT_EQ(BigInt::from_u64(1).to_double(-1075), 0.0);  // a tie with 0: even
  EXPECT_EQ(BigInt::from_u64(1).to_double(-1075, true), 0x1p-1074);  // just above the tie
  EXPECT_EQ(BigInt::from_u64((std::uint64_t{1} << 53) + 1).to_double(0), 0x1p53);
  EXPECT_EQ(BigInt::from_u64((std::uint64_t{1} << 53) + 1).to_double(0, true), 0x1p53 + 2);
  EXPECT_EQ(BigInt::from_u64(1).to_double(1024), std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace spendcast::stats
