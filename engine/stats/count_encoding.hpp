#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spendcast::stats {

/// A run of counters (a sketch store's counts) as compact text, losslessly: the counters
/// as tokens, each an unsigned LEB128 varint (7 bits a byte, low bits first, the high bit
/// set on every byte but the last, no redundant zero bytes): an even token 2v is one
/// counter of value v >= 1, an odd token 2z - 1 is z >= 1 counters of 0; then the bytes in
/// standard base64 (RFC 4648, with `=` padding). The encoding of a list is unique: zero
/// runs are maximal (never two in a row) and the list neither starts nor ends with 0
/// (docs/RESULT-FORMAT.md). Dense sketch counts shrink about 8-fold against JSON arrays.
std::string encode_counts(std::span<const std::uint64_t> counts);

/// The reverse of encode_counts: the counters `text` encodes, at most `max_counters` of
/// them. Anything encode_counts would not write (a character outside base64, bad padding,
/// a truncated or overlong varint, a value beyond 64 bits, two zero runs in a row, a
/// leading or trailing zero, more than `max_counters`) throws std::invalid_argument saying
/// what and where (the byte offset in the decoded bytes).
std::vector<std::uint64_t> decode_counts(std::string_view text, std::uint64_t max_counters);

/// How many counters the decoding of one state may still make. A run of zeros costs a
/// few bytes whatever its length, so a crafted file of a few kilobytes could otherwise ask
/// for gigabytes; the budget of a state is 2^24 counters plus 64 per character of its
/// encoded counts (a run's states hold about one counter per character).
struct CounterBudget {
  std::uint64_t left = 0;
  /// The budget of a state whose encoded counts have `encoded_chars` characters in all.
  static CounterBudget for_text(std::uint64_t encoded_chars) {
    return {(std::uint64_t{1} << 24) + 64 * encoded_chars};
  }
};

/// Standard base64 (RFC 4648, `=` padding) of `bytes`.
std::string base64_encode(std::span<const std::uint8_t> bytes);

/// The bytes of standard base64 `text` (length a multiple of 4, `=` padding only at the
/// end, unused bits zero so that the text is the only encoding of its bytes); anything else
/// throws std::invalid_argument naming the character offset.
std::vector<std::uint8_t> base64_decode(std::string_view text);

}  // namespace spendcast::stats
