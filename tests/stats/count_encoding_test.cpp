// The compact encoding of sketch counts: lossless, unique, known bytes, and every
// malformed text refused with where it is wrong.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "stats/count_encoding.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast::stats {
namespace {

std::string problem(const std::string& text, std::uint64_t max = 1000) {
  try {
    decode_counts(text, max);
    return "";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

std::string b64(std::vector<std::uint8_t> bytes) {
  return base64_encode(bytes);
}

TEST(Base64, KnownAnswersOfRfc4648) {
  // RFC 4648 §10.
  const std::vector<std::pair<std::string, std::string>> cases = {{"", ""},
                                                                  {"f", "Zg=="},
                                                                  {"fo", "Zm8="},
                                                                  {"foo", "Zm9v"},
                                                                  {"foob", "Zm9vYg=="},
                                                                  {"fooba", "Zm9vYmE="},
                                                                  {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : cases) {
    const std::vector<std::uint8_t> bytes(plain.begin(), plain.end());
    EXPECT_EQ(base64_encode(bytes), coded);
    EXPECT_EQ(base64_decode(coded), bytes);
  }
  EXPECT_EQ(b64({0xfb, 0xff}), "+/8=");
}

TEST(Base64, RefusesWhatItWouldNotWrite) {
  EXPECT_THROW(base64_decode("Zg="), std::invalid_argument);       // length
  EXPECT_THROW(base64_decode("Z=g="), std::invalid_argument);      // '=' inside
  EXPECT_THROW(base64_decode("Zh=="), std::invalid_argument);      // unused bits set
  EXPECT_THROW(base64_decode("Zm9*"), std::invalid_argument);      // outside the alphabet
  EXPECT_THROW(base64_decode("Zm8=Zm8="), std::invalid_argument);  // padding before the end
}

TEST(CountEncoding, KnownBytes) {
  // 5 -> token 10; three zeros -> token 5; 1 -> token 2; 300 -> token 600 = 0xd8 0x04.
  EXPECT_EQ(encode_counts(std::vector<std::uint64_t>{5, 0, 0, 0, 1, 300}),
            b64({10, 5, 2, 0xd8, 0x04}));
  EXPECT_EQ(encode_counts(std::vector<std::uint64_t>{}), "");
  // The largest count: token 2^65 - 2 in ten bytes.
  const std::uint64_t top = ~std::uint64_t{0};
  EXPECT_EQ(encode_counts(std::vector<std::uint64_t>{top}),
            b64({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03}));
  EXPECT_EQ(decode_counts(encode_counts(std::vector<std::uint64_t>{top, 0, top}), 3),
            (std::vector<std::uint64_t>{top, 0, top}));
}

TEST(CountEncoding, RoundTripsRandomSparseCounts) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::uint64_t> counts(1 + rng() % 500);
    for (auto& c : counts) c = rng() % 3 == 0 ? 0 : rng() >> (rng() % 64);
    counts.front() = 1 + rng() % 7;
    counts.back() = 1 + rng() % 100000;
    const std::string text = encode_counts(counts);
    EXPECT_EQ(decode_counts(text, counts.size()), counts);
    EXPECT_NE(problem(text, counts.size() - 1).find("more than"), std::string::npos);
  }
}

TEST(CountEncoding, RefusesEveryNonCanonicalOrDamagedText) {
  EXPECT_EQ(problem(b64({10, 5, 2})), "");
  EXPECT_EQ(problem(b64({1, 2})), "encoded counts, byte 0: the counts start with 0");
  EXPECT_EQ(problem(b64({2, 1})), "encoded counts, byte 1: the counts end with 0");
  EXPECT_EQ(problem(b64({2, 1, 3, 2})), "encoded counts, byte 2: two runs of zeros in a row");
  EXPECT_EQ(problem(b64({2, 0, 2})), "encoded counts, byte 1: a count of 0 outside a run of zeros");
  EXPECT_EQ(problem(b64({2, 0x84})), "encoded counts, byte 1: a varint cut short");
  EXPECT_EQ(problem(b64({0x84, 0x00})),
            "encoded counts, byte 0: an overlong varint (a redundant zero byte)");
  EXPECT_EQ(problem(b64({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x04})),
            "encoded counts, byte 0: a count beyond 64 bits");
  EXPECT_EQ(problem(b64({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})),
            "encoded counts, byte 0: a varint beyond 64 bits");
  EXPECT_EQ(problem(b64({2, 0xcf, 0x0f, 2})),  // a run of 1000 zeros
            "encoded counts, byte 1: more than 1000 counters");
  EXPECT_NE(problem("Zm9*").find("base64, character 3"), std::string::npos);
}

TEST(CountEncoding, ASketchCannotAskForMoreCountersThanItsBudget) {
  // A few bytes that decode to a run of 2^25 zeros between two counts: gigabytes at the
  // finest accuracy if trusted, refused by the state's budget instead.
  QuantileSketch s(1e-6);
  s.add(std::vector<double>{1.0, 2.0});
  nlohmann::json j = s.to_json();
  std::vector<std::uint8_t> bytes = {2};
  for (std::uint64_t token = (std::uint64_t{1} << 26) - 1; token >= 0x80; token >>= 7)
    bytes.push_back(static_cast<std::uint8_t>(token & 0x7f) | 0x80);
  bytes.push_back(static_cast<std::uint8_t>(((std::uint64_t{1} << 26) - 1) >> 21));
  bytes.push_back(2);
  j["positive"]["counts"] = base64_encode(bytes);
  try {
    QuantileSketch::from_json(j);
    ADD_FAILURE() << "a run of 2^25 zeros was decoded";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("positive.counts: encoded counts, byte 1: more than " +
                                         std::to_string((1u << 24) + 64 * 8) + " counters"),
              std::string::npos)
        << e.what();
  }
  // Within the budget the same sketch reads back.
  EXPECT_TRUE(QuantileSketch::from_json(s.to_json()) == s);
}

}  // namespace
}  // namespace spendcast::stats
