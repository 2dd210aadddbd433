#pragma once

#include <functional>
#include <optional>
#include <string>

namespace spendcast::scenario {

/// Reads a file's text; returns std::nullopt when it cannot be read. Used for extends.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

/// The real file system: reads regular files only (not directories, devices or FIFOs),
/// and at most one byte more than a scenario may have (larger files are refused later).
FileReader filesystem_reader();

/// Why `path` could not be read, for messages: "no such file", "is a directory", ...
std::string describe_unreadable(const std::string& path);

}  // namespace spendcast::scenario
