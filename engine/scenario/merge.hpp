#pragma once

#include <span>
#include <string>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"

namespace spendcast::scenario {

/// True when the table `value` found at `path` (keys from the root; events as
/// {"event", NAME}) is one value that a child replaces whole instead of merging key by
/// key: a `{ dist = ... }` value, a composition's `correlation`, one observed year of
/// shares (data.vendors.2024, data.segments.2024).
bool is_whole_value(std::span<const std::string> path, const DocValue& value);

/// `child` merged over `parent` (SCENARIO-FORMAT.md "Inheritance"): table by table, a
/// child key replaces the parent's; whole values replaced whole; [[event]] merged by
/// name (remove = true drops the parent's event); [[correlation]] by their pair.
/// Every value keeps the position it came from. `remove = true` with nothing to
/// remove is a warning.
DocValue merge_documents(const DocValue& parent, const DocValue& child, Diagnostics& diagnostics);

/// The name of an [[event]] table, or "" when it has none (or not a string).
std::string event_name(const DocValue& event);

/// True when an [[event]] table says `remove = true`.
bool is_removal(const DocValue& event);

}  // namespace spendcast::scenario
