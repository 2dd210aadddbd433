#pragma once

#include <cstdint>
#include <string>

namespace spendcast::report {

/// Reads the whole of `path`, which must be a regular file of at most `max_bytes`: a FIFO,
/// device or directory is refused without blocking (it is opened non-blocking and checked
/// before any read), and so is a larger file before it is read. Throws std::runtime_error
/// "PATH: cannot read the WHAT (REASON)" or "PATH: REASON".
std::string read_input_file(const std::string& path, std::uint64_t max_bytes,
                            const std::string& what);

}  // namespace spendcast::report
