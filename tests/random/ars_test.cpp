// ARS against Random123: its known-answer vectors and its own ars4x32_R (this file is
// compiled with AES instructions enabled so that Random123's ars.h is available; its
// checks run only on a CPU that has them).
#include "random/ars.hpp"

#include <Random123/ars.h>
#include <gtest/gtest.h>

namespace spendcast::random {
namespace {

// Random123's tests/kat_vectors, the ars4x32 lines (10 rounds; the file has no 5-round
// lines, so 5 rounds is checked against Random123's code below).
struct Kat {
  Counter ctr;
  StreamKey key;
  Counter expected;
};
constexpr Kat kats[] = {
    {{0, 0, 0, 0}, {0, 0, 0, 0}, {0x8d73ee19, 0x506401ef, 0x13c2dbe4, 0x0cbe9c0d}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
     {0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89},
     {0xa516e7d6, 0x8357ad74, 0x5b59b3ec, 0x8763fff3}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
     {0xffffffff, 0xffffffff, 0, 0},
     {0xbb3743b1, 0x9f635551, 0xecbc87fc, 0xa19478a9}},
};

/// Pseudo-random counters and keys: the i-th of a fixed sequence.
struct Input {
  Counter ctr;
  StreamKey key;
};
Input input(std::uint64_t i) {
  const std::uint64_t a = mix64(2 * i + 1), b = mix64(2 * i + 2), c = mix64(~i);
  return {{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32),
           static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b >> 32)},
          {static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c >> 32),
           static_cast<std::uint32_t>(a ^ b), static_cast<std::uint32_t>((a ^ c) >> 32)}};
}

TEST(Ars, ConstantsAreRandom123s) {
  // ars.h writes them inline; its 5-round threshold is documented there too.
  EXPECT_EQ(ars::weyl_low, 0x9E3779B97F4A7C15ull);
  EXPECT_EQ(ars::weyl_high, 0xBB67AE8584CAA73Bull);
  EXPECT_EQ(ars::rounds, 5);
}

TEST(Ars, SoftwareMatchesPublishedKnownAnswers) {
  for (const auto& k : kats) EXPECT_EQ(ars_software(k.ctr, k.key, 10), k.expected);
}

TEST(Ars, AesNiMatchesPublishedKnownAnswers) {
  if (!cpu_has_aes()) GTEST_SKIP() << "no AES-NI on this CPU";
  for (const auto& k : kats) EXPECT_EQ(ars_aesni(k.ctr, k.key, 10), k.expected);
}

#if R123_USE_AES_NI
TEST(Ars, MatchesRandom123OnManyCountersAndKeys) {
  if (!cpu_has_aes()) GTEST_SKIP() << "Random123's ARS needs AES-NI";
  for (int rounds : {5, 7, 10}) {
    for (std::uint64_t i = 0; i < 20000; ++i) {
      const Input in = input(i + 1000000 * rounds);
      const ars4x32_ctr_t c = {{in.ctr[0], in.ctr[1], in.ctr[2], in.ctr[3]}};
      const ars4x32_key_t k = {{in.key.k0, in.key.k1, in.key.k2, in.key.k3}};
      const ars4x32_ctr_t expected = ars4x32_R(static_cast<unsigned>(rounds), c, k);
      const Counter want{expected.v[0], expected.v[1], expected.v[2], expected.v[3]};
      ASSERT_EQ(ars_software(in.ctr, in.key, rounds), want) << "input " << i << ", " << rounds;
      ASSERT_EQ(ars_aesni(in.ctr, in.key, rounds), want) << "input " << i << ", " << rounds;
    }
  }
}
#endif

TEST(Ars, SoftwareAndAesNiAreBitwiseEqual) {
  if (!cpu_has_aes()) GTEST_SKIP() << "no AES-NI on this CPU";
  for (std::uint64_t i = 0; i < 200000; ++i) {
    const Input in = input(i);
    const int rounds = i < 100000 ? ars::rounds : 1 + static_cast<int>(i % 10);
    ASSERT_EQ(ars_software(in.ctr, in.key, rounds), ars_aesni(in.ctr, in.key, rounds))
        << "input " << i << ", " << rounds << " rounds";
  }
}

TEST(Ars, Ars5IsTheFiveRoundFunction) {
  for (std::uint64_t i = 0; i < 1000; ++i) {
    const Input in = input(i);
    EXPECT_EQ(ars5(in.ctr, in.key), ars_software(in.ctr, in.key, 5));
  }
}

TEST(Ars, EveryInputBitMatters) {
  // A bijection of the counter, and key-dependent: flipping any single bit of either
  // changes the output (a check on the wiring, not on quality).
  const Input base = input(7);
  const Counter out = ars5(base.ctr, base.key);
  for (int bit = 0; bit < 128; ++bit) {
    Input c = base, k = base;
    c.ctr[bit / 32] ^= 1u << (bit % 32);
    std::uint32_t* words[] = {&k.key.k0, &k.key.k1, &k.key.k2, &k.key.k3};
    *words[bit / 32] ^= 1u << (bit % 32);
    EXPECT_NE(ars5(c.ctr, c.key), out) << "counter bit " << bit;
    EXPECT_NE(ars5(k.ctr, k.key), out) << "key bit " << bit;
  }
}

}  // namespace
}  // namespace spendcast::random
