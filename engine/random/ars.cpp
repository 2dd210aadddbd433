#include "random/ars.hpp"

#include <array>
#include <bit>
#include <cstring>

#include "random/ars_x86.hpp"

namespace spendcast::random {

namespace {

/// Multiplication in GF(2^8) modulo AES's polynomial x^8 + x^4 + x^3 + x + 1.
constexpr std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t p = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & 1) p ^= a;
    const bool carry = a & 0x80;
    a = static_cast<std::uint8_t>(a << 1);
    if (carry) a ^= 0x1B;
    b >>= 1;
  }
  return p;
}

/// AES's S-box (FIPS 197 §5.1.1), computed: the multiplicative inverse in GF(2^8) (0 for
/// 0), then the affine map b ^ rotl(b, 1..4) ^ 0x63. The inverses come from walking the
/// field's multiplicative group by its generator 3: p runs over 3^k while q runs over
/// 3^-k (0xF6 is 3's inverse), so q = p^-1 at every step (255 steps, cheap enough for any
/// compiler's constant-evaluation limit, unlike a search for each inverse).
constexpr std::array<std::uint8_t, 256> make_sbox() {
  const auto affine = [](std::uint8_t b) {
    const auto rotl = [](std::uint8_t v, int k) {
      return static_cast<std::uint8_t>((v << k) | (v >> (8 - k)));
    };
    return static_cast<std::uint8_t>(b ^ rotl(b, 1) ^ rotl(b, 2) ^ rotl(b, 3) ^ rotl(b, 4) ^ 0x63);
  };
  std::array<std::uint8_t, 256> s{};
  s[0] = affine(0);
  std::uint8_t p = 1, q = 1;
  do {
    s[p] = affine(q);
    p = gf_mul(p, 0x03);
    q = gf_mul(q, 0xF6);
  } while (p != 1);
  return s;
}
constexpr std::array<std::uint8_t, 256> sbox = make_sbox();
static_assert(sbox[0x00] == 0x63 && sbox[0x01] == 0x7C && sbox[0x53] == 0xED);

/// Byte r of column word w (row r of the AES state).
constexpr std::uint32_t byte_of(std::uint32_t w, int r) {
  return (w >> (8 * r)) & 0xFF;
}

/// SubBytes and MixColumns of one byte in row 0, as a column word: (2·s, s, s, 3·s) with
/// s = sbox[x], low byte first. MixColumns is linear, so a column's result is the XOR of
/// its four bytes' words, the byte of row r rotated r bytes up (the 1 KB "T-table").
constexpr std::array<std::uint32_t, 256> make_mix_table() {
  std::array<std::uint32_t, 256> t{};
  for (int x = 0; x < 256; ++x) {
    const std::uint8_t v = sbox[x];
    const std::uint32_t two = gf_mul(v, 2), three = gf_mul(v, 3);
    t[x] = two | (std::uint32_t{v} << 8) | (std::uint32_t{v} << 16) | (three << 24);
  }
  return t;
}
constexpr std::array<std::uint32_t, 256> mix_table = make_mix_table();

/// One AES encryption round on the four column words (AESENC): SubBytes and ShiftRows
/// together (row r of column c comes from column c + r), MixColumns, AddRoundKey.
constexpr Counter aes_round(const Counter& s, const Counter& round_key) {
  Counter out{};
  for (int c = 0; c < 4; ++c) {
    std::uint32_t w = round_key[c];
    for (int r = 0; r < 4; ++r) w ^= std::rotl(mix_table[byte_of(s[(c + r) % 4], r)], 8 * r);
    out[c] = w;
  }
  return out;
}

/// The last round (AESENCLAST): as aes_round without MixColumns.
constexpr Counter aes_last_round(const Counter& s, const Counter& round_key) {
  Counter out{};
  for (int c = 0; c < 4; ++c) {
    std::uint32_t w = 0;
    for (int r = 0; r < 4; ++r) w |= std::uint32_t{sbox[byte_of(s[(c + r) % 4], r)]} << (8 * r);
    out[c] = w ^ round_key[c];
  }
  return out;
}

/// The round key after `r` Weyl increments: each 64-bit half of the key plus r times its
/// increment.
constexpr Counter round_key(StreamKey key, int r) {
  const std::uint64_t low =
      ((std::uint64_t{key.k1} << 32) | key.k0) + static_cast<std::uint64_t>(r) * ars::weyl_low;
  const std::uint64_t high =
      ((std::uint64_t{key.k3} << 32) | key.k2) + static_cast<std::uint64_t>(r) * ars::weyl_high;
  return {static_cast<std::uint32_t>(low), static_cast<std::uint32_t>(low >> 32),
          static_cast<std::uint32_t>(high), static_cast<std::uint32_t>(high >> 32)};
}

#if SPENDCAST_ARS_X86
__attribute__((target("aes"))) Counter ars_aesni_impl(Counter ctr, StreamKey key, int rounds) {
  const __m128i weyl = ars::weyl_register();
  __m128i k = ars::key_register(key);
  __m128i v;
  std::memcpy(&v, ctr.data(), sizeof v);
  v = _mm_xor_si128(v, k);
  for (int r = 1; r < rounds; ++r) {
    k = _mm_add_epi64(k, weyl);
    v = _mm_aesenc_si128(v, k);
  }
  k = _mm_add_epi64(k, weyl);
  v = _mm_aesenclast_si128(v, k);
  std::memcpy(ctr.data(), &v, sizeof v);
  return ctr;
}

/// ARS-5 on AES-NI for four counters at once; the rest one by one.
__attribute__((target("aes"))) void ars5_blocks_aesni(const Counter* in, StreamKey key,
                                                      Counter* out, std::size_t n) {
  constexpr int lanes = 4;
  const ars::RoundKeys keys = ars::round_keys(key);
  const __m128i* rk = keys.key;
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    __m128i v[lanes];
    for (int b = 0; b < lanes; ++b) {
      std::memcpy(&v[b], in[i + b].data(), sizeof v[b]);
      v[b] = _mm_xor_si128(v[b], rk[0]);
    }
    for (int r = 1; r < ars::rounds; ++r)
      for (int b = 0; b < lanes; ++b) v[b] = _mm_aesenc_si128(v[b], rk[r]);
    for (int b = 0; b < lanes; ++b) {
      v[b] = _mm_aesenclast_si128(v[b], rk[ars::rounds]);
      std::memcpy(out[i + b].data(), &v[b], sizeof v[b]);
    }
  }
  for (; i < n; ++i) out[i] = ars_aesni_impl(in[i], key, ars::rounds);
}
#endif

}  // namespace

Counter ars_software(Counter ctr, StreamKey key, int rounds) {
  const Counter k0 = round_key(key, 0);
  for (int w = 0; w < 4; ++w) ctr[w] ^= k0[w];
  for (int r = 1; r < rounds; ++r) ctr = aes_round(ctr, round_key(key, r));
  return aes_last_round(ctr, round_key(key, rounds));
}

Counter ars_aesni(Counter ctr, StreamKey key, int rounds) {
#if SPENDCAST_ARS_X86
  return ars_aesni_impl(ctr, key, rounds);
#else
  return ars_software(ctr, key, rounds);
#endif
}

bool cpu_has_aes() {
#if SPENDCAST_ARS_X86
  static const bool has = __builtin_cpu_supports("aes");
  return has;
#else
  return false;
#endif
}

Counter ars_r(Counter ctr, StreamKey key, int rounds) {
  return cpu_has_aes() ? ars_aesni(ctr, key, rounds) : ars_software(ctr, key, rounds);
}

void ars5_blocks(const Counter* in, StreamKey key, Counter* out, std::size_t n) {
#if SPENDCAST_ARS_X86
  if (cpu_has_aes()) return ars5_blocks_aesni(in, key, out, n);
#endif
  for (std::size_t i = 0; i < n; ++i) out[i] = ars_software(in[i], key, ars::rounds);
}

}  // namespace spendcast::random
