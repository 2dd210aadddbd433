#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"

namespace spendcast::scenario {

/// The largest scenario file read, in bytes (1 MiB; a scenario is a few kilobytes).
inline constexpr std::size_t max_file_bytes = 1u << 20;

/// The deepest nesting of tables, arrays and dotted keys accepted (the format needs 5).
inline constexpr int max_nesting = 32;

/// Parses TOML `text` read from `origin` (a file path, or "--set ..." for overrides)
/// into a document with positions. Syntax errors, oversized input and nesting deeper
/// than max_nesting are reported to `diagnostics` as "FILE:LINE:COL: error: invalid
/// TOML: ..."; the result is then empty. Never throws on any input.
std::optional<DocValue> parse_toml(std::string_view text, const std::string& origin,
                                   Diagnostics& diagnostics);

}  // namespace spendcast::scenario
