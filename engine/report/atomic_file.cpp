#include "report/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <vector>

namespace spendcast::report {

namespace fs = std::filesystem;

namespace {

/// Temporary files are named TARGET + marker + PID + "." + six random characters.
constexpr std::string_view temp_marker = ".spendcast-tmp.";

std::string folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

std::string reason(int error) {
  return std::strerror(error);
}

/// What makes two paths the same file: device and inode when it exists, else its
/// canonical path (with "-" standing for standard output).
struct Identity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string canonical;

  bool operator==(const Identity& o) const {
    return exists == o.exists &&
           (exists ? device == o.device && inode == o.inode : canonical == o.canonical);
  }
};

Identity identity_of(const std::string& path) {
  Identity id;
  if (path == "-") {
    id.canonical = "-";
    return id;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.device = st.st_dev;
    id.inode = st.st_ino;
    return id;
  }
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  const fs::path canonical = ec ? fs::path(path) : fs::weakly_canonical(absolute, ec);
  id.canonical = (ec ? absolute : canonical).lexically_normal().string();
  return id;
}

[[noreturn]] void refuse(const OutputRequest& o, const std::string& why) {
  throw OutputPathError(fmt::format("{} {}: {}", o.option, o.path, why));
}

void check_output(const OutputRequest& o) {
  if (o.path.empty()) refuse(o, "an empty file name");
  if (o.path == "-") return;
  std::string folder;
  struct stat st {};
  if (::stat(o.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) refuse(o, "cannot write it: it is a directory");
    if (!S_ISREG(st.st_mode)) {
      // A device, FIFO or terminal is written directly (never replaced).
      if (::access(o.path.c_str(), W_OK) != 0) refuse(o, "cannot write it: " + reason(errno));
      return;
    }
    std::error_code ec;
    const fs::path real = fs::canonical(o.path, ec);
    folder = folder_of(ec ? o.path : real.string());
  } else if (errno == ENOENT) {
    folder = folder_of(o.path);
  } else {
    refuse(o, "cannot write it: " + reason(errno));
  }
  struct stat fst {};
  if (::stat(folder.c_str(), &fst) != 0 || !S_ISDIR(fst.st_mode))
    refuse(o, fmt::format("cannot write it: no folder '{}'", folder));
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    refuse(o, fmt::format("cannot write it: folder '{}' is not writable", folder));
}

/// Temporary files created so far; removed on destruction unless renamed.
class Temporaries {
 public:
  Temporaries() = default;
  Temporaries(const Temporaries&) = delete;
  Temporaries& operator=(const Temporaries&) = delete;
  ~Temporaries() {
    for (const std::string& p : paths_)
      if (!p.empty()) ::unlink(p.c_str());
  }
  std::size_t add(std::string path) {
    paths_.push_back(std::move(path));
    return paths_.size() - 1;
  }
  const std::string& path(std::size_t i) const { return paths_[i]; }
  void renamed(std::size_t i) { paths_[i].clear(); }

 private:
  std::vector<std::string> paths_;
};

/// Writes all of `content` to `fd`; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), std::min<std::size_t>(content.size(), 1 << 30));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

mode_t process_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

/// One output being written.
struct Pending {
  const OutputFile* file;
  bool direct = false;  ///< "-", or an existing file that is not a regular file
  std::string target;   ///< what the temporary is renamed to (symlinks resolved)
  std::size_t temp = 0;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(fmt::format("cannot write '{}': {}", path, what));
}

/// Exclusively creates the temporary for `p`, writes and flushes it.
void write_temporary(Pending& p, Temporaries& temps, mode_t umask) {
  const std::string& path = p.file->path;
  remove_stale_temporaries(p.target);
  std::string name = fmt::format("{}{}{}.XXXXXX", p.target, temp_marker, ::getpid());
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) fail(path, "cannot create a temporary file beside it: " + reason(errno));
  p.temp = temps.add(name);
  struct stat st {};
  const mode_t mode = ::stat(p.target.c_str(), &st) == 0 ? (st.st_mode & 0777) : (0666 & ~umask);
  int error = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (!error) error = write_all(fd, p.file->content);
  if (!error && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  if (error) fail(path, "write failed: " + reason(error));
}

void write_direct(const Pending& p, std::ostream& standard_output) {
  const std::string& path = p.file->path;
  if (path == "-") {
    standard_output << p.file->content << std::flush;
    if (!standard_output) fail("-", "standard output failed");
    return;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) fail(path, reason(errno));
  int error = write_all(fd, p.file->content);
  if (::close(fd) != 0 && !error) error = errno;
  if (error) fail(path, "write failed: " + reason(error));
}

void sync_folder(const std::string& path) {
  const int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: the renames are done either way
  ::close(fd);
}

}  // namespace

void remove_stale_temporaries(const std::string& target) {
  const std::string folder = folder_of(target);
  const std::string prefix = fs::path(target).filename().string() + std::string(temp_marker);
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string_view rest = std::string_view(name).substr(prefix.size());
    long pid = 0;
    const auto [after, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc() || after == rest.data() || *after != '.' || pid <= 0 ||
        pid == static_cast<long>(::getpid()))
      continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    struct stat st {};
    const std::string path = it->path().string();
    if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid())
      ::unlink(path.c_str());
  }
}

void check_outputs(std::span<const OutputRequest> outputs, std::span<const std::string> inputs) {
  std::vector<Identity> input_ids, output_ids;
  for (const std::string& input : inputs) input_ids.push_back(identity_of(input));
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const OutputRequest& o = outputs[i];
    check_output(o);
    const Identity id = identity_of(o.path);
    for (std::size_t k = 0; k < inputs.size(); ++k)
      if (id == input_ids[k])
        refuse(o, fmt::format("is the input '{}'; refusing to overwrite an input", inputs[k]));
    for (std::size_t k = 0; k < i; ++k)
      if (id == output_ids[k])
        refuse(o, fmt::format("is the same file as {} {}; give each output its own file",
                              outputs[k].option, outputs[k].path));
    output_ids.push_back(id);
  }
}

bool write_outputs(std::span<const OutputFile> files, std::ostream& standard_output,
                   const std::atomic<bool>* stop) {
  const auto stopped = [stop] { return stop && stop->load(); };
  std::vector<Pending> pending;
  for (const OutputFile& f : files) {
    if (f.path.empty()) throw std::runtime_error("cannot write a file with an empty name");
    Pending p{&f, f.path == "-", f.path, 0};
    struct stat st {};
    if (!p.direct && ::stat(f.path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) fail(f.path, "it is a directory");
      p.direct = !S_ISREG(st.st_mode);
      std::error_code ec;
      const fs::path real = fs::canonical(f.path, ec);  // keeps a symlink to a regular file
      if (!p.direct && !ec) p.target = real.string();
    }
    pending.push_back(std::move(p));
  }
  Temporaries temps;
  const mode_t mask = process_umask();
  for (Pending& p : pending) {
    if (stopped()) return false;
    if (!p.direct) write_temporary(p, temps, mask);
  }
  if (stopped()) return false;
  for (const Pending& p : pending)
    if (p.direct) write_direct(p, standard_output);
  for (const Pending& p : pending) {
    if (p.direct) continue;
    if (std::rename(temps.path(p.temp).c_str(), p.target.c_str()) != 0)
      fail(p.file->path, "rename failed: " + reason(errno));
    temps.renamed(p.temp);
    sync_folder(p.target);
  }
  return true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path == "-") throw std::runtime_error("write_file_atomically: '-' is not a file");
  const OutputFile file{path, std::string(content)};
  write_outputs(std::span<const OutputFile>(&file, 1), std::cout);
}

}  // namespace spendcast::report
