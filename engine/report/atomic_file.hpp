#pragma once

#include <string>
#include <string_view>

namespace spendcast {

/// Writes `content` to `path` atomically: into a temporary file beside it, flushed, then
/// renamed over `path`. On any failure the temporary file is removed, `path` is left as
/// it was, and std::runtime_error names the path and the reason. Never a partial file.
void write_file_atomically(const std::string& path, std::string_view content);

/// Checks, before long work, that write_file_atomically(path, ...) can succeed: `path` is
/// not a directory and its folder exists and is writable. Throws std::runtime_error naming
/// the path and the reason.
void check_writable(const std::string& path);

}  // namespace spendcast
