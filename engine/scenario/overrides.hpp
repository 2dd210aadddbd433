#pragma once

#include <string>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"

namespace spendcast::scenario {

/// Applies `--set KEY=VALUE` assignments in order to a merged document (VALUE is TOML;
/// KEY is a dotted TOML key; events by name: event.NAME.KEY; event.NAME.remove = true
/// drops the event). The value replaces whatever was at KEY, whole; missing tables on
/// the way are created. Values carry the origin "--set KEY=VALUE" (no line), so later
/// messages about them read "--set KEY=VALUE: error: ...". A decimal integer above
/// 2^63 - 1 (a large seed) is kept as a string of digits. Problems are reported, and
/// the assignment is skipped.
void apply_overrides(DocValue& doc, const std::vector<std::string>& overrides,
                     Diagnostics& diagnostics);

}  // namespace spendcast::scenario
