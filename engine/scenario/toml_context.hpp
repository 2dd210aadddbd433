#pragma once

#include <string>
#include <string_view>

namespace spendcast::scenario {

/// Where a line of TOML text sits: the table its key belongs to and the key it assigns,
/// found by reading the lines up to `line` the way a person would (the last `[table]` or
/// `[[array]]` header above it; the text before the first `=` on the line). Used to name
/// the table and key of a syntax error, which toml++ reports by position only. Returns,
/// e.g., "in [spend], key volatility", "in [spend]" or "" when neither is known; never
/// throws. Lines inside multi-line strings are not special-cased: the result is a hint.
std::string describe_toml_line(std::string_view text, int line);

}  // namespace spendcast::scenario
