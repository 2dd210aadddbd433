#pragma once

#include <string>
#include <string_view>

#include "scenario/diagnostics.hpp"

namespace spendcast::scenario {

/// True when toml++ 3.3 may be given `text`; else reports the first hazard to
/// `diagnostics` as "ORIGIN:LINE:COL: error: invalid TOML: ..." and returns false.
///
/// toml++ 3.3 has undefined behaviour on some malformed input, found by fuzzing
/// (docs/RELIABILITY.md, "Fuzzing"): its whitespace test reaches __builtin_unreachable
/// for U+00A1–U+0499, U+2C5E–U+3057 (but U+3000) and U+FB26–U+FEFE wherever it asks
/// "is this whitespace?" (after a number, a key, an '=', a line-ending backslash); a
/// table header '[' followed by anything but a key or ']' ("[(") and a '}' where an
/// array expects a value ("[1, }") fail assertions (undefined behaviour when assertions
/// are off). The release build happens to print an error for these; this check makes
/// sure. It refuses, scanning as TOML tokenises:
/// - a non-ASCII character outside strings and comments (never valid TOML: bare keys,
///   numbers, dates and punctuation are ASCII), where a bare value (a number, boolean or
///   date) runs, as toml++ reads it, to the next blank, ',', ']', '}' or '#', quotes and
///   brackets included ("x = 1\"é\"", "x = 0[['''é");
/// - in a multi-line basic string, one of those characters right after a backslash and
///   any spaces, tabs and line breaks (valid TOML, but toml++ cannot read it; written as
///   a \uXXXX escape it can);
/// - a table header whose '[' or '[[' (and spaces) is followed by anything but a bare-key
///   character, a quote or ']';
/// - a '}' right after an array's '[' or ',' (spaces, line breaks and comments between).
/// A byte-order mark at the start is skipped, as toml++ skips it. Bytes that are not UTF-8
/// end the scan (toml++ reports them itself before reading on).
bool check_toml_hazards(std::string_view text, const std::string& origin, Diagnostics& diagnostics);

}  // namespace spendcast::scenario
