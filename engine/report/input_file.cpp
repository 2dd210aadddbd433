#include "report/input_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace spendcast::report {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "not a regular file";
}

/// Closes a file descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_input_file(const std::string& path, std::uint64_t max_bytes,
                            const std::string& what) {
  const auto fail = [&](const std::string& why) {
    return std::runtime_error(fmt::format("{}: cannot read the {} ({})", path, what, why));
  };
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (file.fd < 0) throw fail(errno == ENOENT ? "no such file" : std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) throw fail(std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw fail(kind_of(st.st_mode));
  const auto too_large = [&] {
    return std::runtime_error(fmt::format(
        "{}: more than {} bytes, the most a {} may have here; raise --max-input-size to "
        "read it",
        path, max_bytes, what));
  };
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) throw too_large();
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (true) {
    if (done == text.size()) {
      if (text.size() > max_bytes) throw too_large();
      text.resize(text.size() + std::min<std::size_t>(65536, max_bytes + 1 - text.size()));
    }
    const ssize_t n = ::read(file.fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw fail(std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  if (text.size() > max_bytes) throw too_large();
  return text;
}

}  // namespace spendcast::report
