#include "report/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace spendcast {

namespace {

std::string temporary_name(const std::string& path) {
  return fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
}

[[noreturn]] void fail(const std::string& path, const std::string& temp, const char* what,
                       int error) {
  std::remove(temp.c_str());
  throw std::runtime_error(
      fmt::format("cannot write '{}': {} ({})", path, what, std::strerror(error)));
}

}  // namespace

void check_writable(const std::string& path) {
  if (path.empty()) throw std::runtime_error("cannot write a file with an empty name");
  namespace fs = std::filesystem;
  if (fs::is_directory(path))
    throw std::runtime_error(fmt::format("cannot write '{}': it is a directory", path));
  const fs::path folder =
      fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  if (!fs::is_directory(folder))
    throw std::runtime_error(
        fmt::format("cannot write '{}': no folder '{}'", path, folder.string()));
  if (::access(folder.c_str(), W_OK) != 0)
    throw std::runtime_error(
        fmt::format("cannot write '{}': folder '{}' is not writable", path, folder.string()));
}

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path.empty()) throw std::runtime_error("cannot write a file with an empty name");
  if (std::filesystem::is_directory(path))
    throw std::runtime_error(fmt::format("cannot write '{}': it is a directory", path));
  const std::string temp = temporary_name(path);
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file) fail(path, temp, "cannot create it", errno);
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int write_error = errno;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int flush_error = errno;
  if (std::fclose(file) != 0 || !written || !flushed)
    fail(path, temp, "write failed", !written ? write_error : flush_error);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail(path, temp, "rename failed", errno);
}

}  // namespace spendcast
