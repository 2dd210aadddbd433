#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"
#include "scenario/file_reader.hpp"

namespace spendcast::scenario {

/// The longest chain of files that extend each other.
inline constexpr std::size_t max_extends_depth = 32;

/// The most files read for one scenario (a file extended twice counts twice).
inline constexpr std::size_t max_extends_files = 256;

/// The most bytes read for one scenario, all files together.
inline constexpr std::size_t max_total_bytes = 4u << 20;

/// Parses `text` read from `origin`, loads what its `scenario.extends` names (paths
/// relative to origin's folder, read through `reader`), and merges parents left to right,
/// then the file itself. A parent's `scenario.name`, `title` and `description` are not
/// inherited (they describe the parent); `extends` is removed from the result and, when
/// `parent_names` is given, the names of the file's direct parents (their `name`, else
/// their file stem) are stored there in `extends` order. Reports syntax errors, unreadable parents,
/// cycles (naming the chain), a wrong `extends` and duplicate event names within one file. Empty
/// when the scenario cannot be assembled (a file unreadable or not TOML, or extends wrong).
std::optional<DocValue> resolve_extends(std::string_view text, const std::string& origin,
                                        const FileReader& reader, Diagnostics& diagnostics,
                                        std::vector<std::string>* parent_names = nullptr);

}  // namespace spendcast::scenario
