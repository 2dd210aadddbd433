#pragma once

#include <atomic>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace spendcast::report {

/// A problem with an output path found before any work (missing folder, a directory, the
/// same file as an input or as another output): a usage error, exit status 2.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An output a command was asked to write: the option that named it and its path
/// ("-": standard output).
struct OutputRequest {
  std::string option;  ///< "--json"
  std::string path;
};

/// Checks, before long work, that every output can be written and that none is the same
/// file as an input or as another output (same device and inode when the file exists, same
/// canonical path otherwise; two "-" are the same too). Throws OutputPathError naming the
/// option, the path and the reason.
void check_outputs(std::span<const OutputRequest> outputs, std::span<const std::string> inputs);

/// One output's finished content.
struct OutputFile {
  std::string path;  ///< "-": standard output
  std::string content;
};

/// Writes every file all or nothing, as far as a file system allows:
/// 1. each regular (or new) target gets an exclusively created temporary file in its own
///    folder, "TARGET.spendcast-tmp.PID.XXXXXX" (O_EXCL: a planted symlink is never
///    followed), written and flushed to disk; temporaries of this program for the same
///    target left by a process that no longer runs are removed first;
/// 2. when `stop` is set by then (Ctrl-C), every temporary is removed and false returned:
///    nothing was written;
/// 3. existing targets that are not regular files (a character device, a FIFO, a symlink
///    to /proc/self/fd/1) and "-" are written directly, never replaced;
/// 4. the temporaries are renamed over their targets, last. A symlink to a regular file is
///    kept: the file it points to is replaced.
/// On any failure every temporary is removed and std::runtime_error names the path and
/// the reason; targets not yet renamed keep their old content.
bool write_outputs(std::span<const OutputFile> files, std::ostream& standard_output,
                   const std::atomic<bool>* stop = nullptr);

/// Removes "TARGET.spendcast-tmp.PID.XXXXXX" files in the target's folder that a process
/// no longer running left behind (killed while writing): regular files of this user only;
/// those of a running process are left alone. write_outputs does this for every target;
/// --resume does it for the checkpoint it reads (its writer is gone).
void remove_stale_temporaries(const std::string& target);

/// write_outputs of one file that is not "-".
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace spendcast::report
