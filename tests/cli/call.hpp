#pragma once

// Runs `spendcast ARGS...` in-process through the dispatcher and captures what it says.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "dispatch.hpp"

namespace spendcast::cli::testing {

/// Exit code and the text written to stdout and stderr.
struct Outcome {
  int code;
  std::string out, err;
};

/// `spendcast ARGS...`, in this process.
inline Outcome call(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = dispatch(args, out, err);
  return {code, out.str(), err.str()};
}

/// A fresh, empty folder of the running test's own, "spendcast_PREFIX.TEST" in the
/// system's temporary folder (ctest runs tests in parallel processes).
inline std::filesystem::path test_folder(const std::string& prefix) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             ("spendcast_" + prefix + "." + std::string(test->name()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace spendcast::cli::testing
