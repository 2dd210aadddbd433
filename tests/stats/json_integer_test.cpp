// Integers of stored states: a JSON integer in range, or std::invalid_argument; never
// nlohmann's truncating, wrapping or undefined conversion (found by fuzzing the result
// reader: "threads": 1e300 and a sketch count of 1e300 were undefined behaviour).
#include "stats/json_integer.hpp"

#include <gtest/gtest.h>

#include "stats/quantile_sketch.hpp"

namespace spendcast::stats {
namespace {

using nlohmann::json;

TEST(JsonInteger, ReadsIntegersInRange) {
  EXPECT_EQ(json_integer<int>(json::parse("-7")), -7);
  EXPECT_EQ(json_integer<std::uint64_t>(json::parse("18446744073709551615")),
            18446744073709551615u);
  EXPECT_EQ(json_integer<std::uint32_t>(json::parse("4294967295")), 4294967295u);
  EXPECT_EQ(json_integers<int>(json::parse("[1, 2, 3]")), (std::vector<int>{1, 2, 3}));
}

TEST(JsonInteger, RefusesEverythingElse) {
  EXPECT_THROW(json_integer<int>(json::parse("1e300")), std::invalid_argument);
  EXPECT_THROW(json_integer<std::uint64_t>(json::parse("1e300")), std::invalid_argument);
  EXPECT_THROW(json_integer<int>(json::parse("2.5")), std::invalid_argument);
  EXPECT_THROW(json_integer<int>(json::parse("2.0")), std::invalid_argument);
  EXPECT_THROW(json_integer<std::uint64_t>(json::parse("-5")), std::invalid_argument);
  EXPECT_THROW(json_integer<std::uint32_t>(json::parse("4294967296")), std::invalid_argument);
  EXPECT_THROW(json_integer<int>(json::parse("2147483648")), std::invalid_argument);
  EXPECT_THROW(json_integer<int>(json::parse("\"3\"")), std::invalid_argument);
  EXPECT_THROW(json_integers<int>(json::parse("[1, 1e300]")), std::invalid_argument);
  EXPECT_THROW(json_integers<int>(json::parse("3")), std::invalid_argument);
}

TEST(JsonInteger, ASketchWithAFractionalCountIsRefused) {
  QuantileSketch s(0.01);
  s.add(1.0);
  s.add(2.0);
  json j = s.to_json();
  EXPECT_TRUE(QuantileSketch::from_json(j) == s);
  j["positive"]["counts"] = json::array({1e300, 1});  // a version 1 state's array
  EXPECT_THROW(QuantileSketch::from_json(j), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::stats
