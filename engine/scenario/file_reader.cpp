#include "scenario/file_reader.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "scenario/toml_reader.hpp"

namespace spendcast::scenario {

FileReader filesystem_reader() {
  return [](const std::string& path) -> std::optional<std::string> {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || ec) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text(scenario::max_file_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return std::nullopt;
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
  };
}

std::string describe_unreadable(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return "no such file";
  if (status.type() == std::filesystem::file_type::directory) return "is a directory";
  if (!ec && status.type() != std::filesystem::file_type::regular) return "not a regular file";
  return "cannot be read";
}

}  // namespace spendcast::scenario
