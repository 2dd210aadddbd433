#include "engine_version.hpp"

#include <fmt/format.h>

#include "version.hpp"

namespace spendcast::cli {

std::string engine_version() {
  std::string v = spendcast::version;
  if (*spendcast::git_revision) v += fmt::format(" (git {})", spendcast::git_revision);
  return v;
}

nlohmann::json with_engine_version(nlohmann::json document) {
  document["run"]["engine_version"] = engine_version();
  return document;
}

}  // namespace spendcast::cli
