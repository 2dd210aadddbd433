#include "analysis/result_input.hpp"

#include <stdexcept>

#include "scenario/diagnostic.hpp"

namespace spendcast::analysis {

namespace {

scenario::ScenarioError file_error(const std::string& path, std::string message) {
  return scenario::ScenarioError(
      {scenario::Diagnostic{scenario::Diagnostic::Severity::error,
                            scenario::SourcePosition{path, 0, 0}, std::move(message)}});
}

}  // namespace

bool is_result_path(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

report::ResultFile read_result_input(const std::string& path, std::uint64_t max_bytes) {
  try {
    return report::read_result_file(path, max_bytes);
  } catch (const std::exception& e) {
    // The reader's messages start with the path already.
    std::string message = e.what();
    if (message.starts_with(path + ": ")) message.erase(0, path.size() + 2);
    throw file_error(path, message);
  }
}

}  // namespace spendcast::analysis
