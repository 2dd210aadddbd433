#include "stats/count_encoding.hpp"

#include <array>
#include <stdexcept>

namespace spendcast::stats {

namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of each base64 character, -1 for any other byte.
constexpr std::array<int, 256> alphabet_values() {
  std::array<int, 256> v{};
  for (int& x : v) x = -1;
  for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(alphabet[i])] = i;
  return v;
}
constexpr std::array<int, 256> sextets = alphabet_values();

void put_varint(Uint128 token, std::vector<std::uint8_t>& out) {
  while (token >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(token & 0x7f) | 0x80);
    token >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(token));
}

std::invalid_argument bad(std::size_t offset, const std::string& what) {
  return std::invalid_argument("encoded counts, byte " + std::to_string(offset) + ": " + what);
}

}  // namespace

std::string base64_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v =
        (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    const std::uint32_t v =
        (std::uint32_t{bytes[i]} << 16) | (rest == 2 ? std::uint32_t{bytes[i + 1]} << 8 : 0);
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::vector<std::uint8_t> base64_decode(std::string_view text) {
  const auto fail = [](std::size_t at, const std::string& what) {
    return std::invalid_argument("base64, character " + std::to_string(at) + ": " + what);
  };
  if (text.size() % 4 != 0)
    throw fail(text.size(), "length " + std::to_string(text.size()) + " is not a multiple of 4");
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t pad = !last ? 0 : text[i + 3] != '=' ? 0 : text[i + 2] != '=' ? 1 : 2;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int s = k < 4 - pad ? sextets[static_cast<unsigned char>(text[i + k])] : 0;
      if (s < 0)
        throw fail(i + k, text[i + k] == '=' ? "'=' before the end"
                                             : "not a base64 character (A-Z, a-z, 0-9, +, /)");
      v = (v << 6) | static_cast<std::uint32_t>(s);
    }
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    if (pad < 2) out.push_back(static_cast<std::uint8_t>(v >> 8));
    if (pad < 1) out.push_back(static_cast<std::uint8_t>(v));
    if ((pad == 1 && (v & 0xff) != 0) || (pad == 2 && (v & 0xffff) != 0))
      throw fail(i + 3 - pad, "padding bits are not zero");
  }
  return out;
}

std::string encode_counts(std::span<const std::uint64_t> counts) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(counts.size() + 8);
  for (std::size_t i = 0; i < counts.size();) {
    if (counts[i] != 0) {
      put_varint(Uint128{counts[i]} << 1, bytes);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < counts.size() && counts[end] == 0) ++end;
    put_varint((Uint128{end - i} << 1) - 1, bytes);
    i = end;
  }
  return base64_encode(bytes);
}

std::vector<std::uint64_t> decode_counts(std::string_view text, std::uint64_t max_counters) {
  const std::vector<std::uint8_t> bytes = base64_decode(text);
  std::vector<std::uint64_t> counts;
  bool last_was_zero_run = false;
  std::size_t last_start = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t start = i;
    last_start = start;
    Uint128 token = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (i == bytes.size()) throw bad(start, "a varint cut short");
      if (shift > 63) throw bad(start, "a varint beyond 64 bits");
      const std::uint8_t b = bytes[i++];
      if (b == 0 && shift > 0) throw bad(start, "an overlong varint (a redundant zero byte)");
      token |= Uint128{b & 0x7fu} << shift;
      if (!(b & 0x80)) break;
    }
    if (token & 1) {  // a run of zeros
      const Uint128 run = (token + 1) >> 1;
      if (start == 0) throw bad(start, "the counts start with 0");
      if (last_was_zero_run) throw bad(start, "two runs of zeros in a row");
      if (run > max_counters - counts.size())
        throw bad(start, "more than " + std::to_string(max_counters) + " counters");
      counts.resize(counts.size() + static_cast<std::size_t>(run), 0);
      last_was_zero_run = true;
    } else {
      const Uint128 value = token >> 1;
      if (value == 0) throw bad(start, "a count of 0 outside a run of zeros");
      if (value > ~std::uint64_t{0}) throw bad(start, "a count beyond 64 bits");
      if (counts.size() >= max_counters)
        throw bad(start, "more than " + std::to_string(max_counters) + " counters");
      counts.push_back(static_cast<std::uint64_t>(value));
      last_was_zero_run = false;
    }
  }
  if (last_was_zero_run) throw bad(last_start, "the counts end with 0");
  return counts;
}

}  // namespace spendcast::stats
