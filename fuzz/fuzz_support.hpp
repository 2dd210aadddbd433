#pragma once

// What the harnesses share: the bundled scenarios as in-memory files, and how a harness
// reports a broken property (a message, then abort(): libFuzzer saves the input).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "scenario/file_reader.hpp"

namespace spendcast::fuzz {

/// Prints `what` and aborts, so that libFuzzer records the input as a crash.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what.c_str());
  std::abort();
}

/// Every file under the repository's scenarios/ folder, read once, keyed
/// "scenarios/NAME.toml" and "scenarios/data/NAME.toml" as extends resolves them.
inline const std::map<std::string, std::string>& bundled_files() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> out;
    const std::filesystem::path root(SPENDCAST_SOURCE_DIR);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "scenarios")) {
      if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out[entry.path().lexically_relative(root).generic_string()] = text.str();
    }
    if (out.empty()) fail("no scenarios under " + (root / "scenarios").string());
    return out;
  }();
  return files;
}

/// A reader over bundled_files() only: the harnesses never touch the file system.
inline scenario::FileReader bundled_reader() {
  return [](const std::string& path) -> std::optional<std::string> {
    const auto& files = bundled_files();
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace spendcast::fuzz
