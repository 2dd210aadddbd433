#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "bundled_data.hpp"
#include "commands.hpp"
#include "model/finite_check.hpp"
#include "new_scenario.hpp"
#include "report/atomic_file.hpp"
#include "scenario/load.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

/// A scenario name: lowercase letters, digits and '-' (docs/SCENARIO-FORMAT.md).
bool is_scenario_name(const std::string& name) {
  if (name.empty()) return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

}  // namespace

int new_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("new", "spendcast new NAME [--from SCENARIO]");
  // clang-format off
  line.options.add_options()
    ("from", po::value<std::string>(), "extend this scenario (default: a stand-alone file with the bundled data)");
  // clang-format on
  line.hidden.add_options()("name", po::value<std::string>()->required(),
                            "the new file (NAME.toml)");
  line.positional.add("name", 1);
  line.epilogue =
      "Writes NAME.toml (NAME may be a path; .toml is added when missing), a commented\n"
      "scenario that validates and runs as it is. An existing file is never overwritten.\n";
  auto parsed = parse_command_line(line, args);
  std::string path = parsed.values["name"].as<std::string>();
  if (!path.ends_with(".toml")) path += ".toml";
  const std::string name = fs::path(path).stem().string();
  if (!is_scenario_name(name))
    throw UsageError(
        fmt::format("spendcast new: {}: invalid scenario name (got \"{}\"; expected "
                    "lowercase letters, digits and '-', e.g. baseline-2025); {}",
                    path, name, see_help("new")));
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    throw UsageError(
        fmt::format("spendcast new: {}: already exists (expected a new file: "
                    "spendcast new never overwrites; choose another name)",
                    path));
  const fs::path folder =
      fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  if (!fs::is_directory(folder, ec))
    throw UsageError(
        fmt::format("spendcast new: {}: no such folder (got {}; expected an "
                    "existing folder)",
                    path, folder.string()));

  std::string text;
  if (parsed.values.count("from")) {
    const std::string from = parsed.values["from"].as<std::string>();
    const scenario::LoadedScenario parent = scenario::load_scenario_file(from);  // invalid: exit 2
    // Written as the user sees the paths: links are not resolved (a linked folder stays).
    const fs::path relative = fs::absolute(from).lexically_normal().lexically_relative(
        fs::absolute(folder).lexically_normal());
    text = scenario_from_parent(name, parent, relative.generic_string());
  } else {
    text = scenario_from_data(name, bundled_data_text(), bundled_data_name);
  }
  // What is written must validate: a template that does not is a bug, not the user's.
  const scenario::LoadedScenario check = scenario::load_scenario_text(text, path);
  model::check_finite_arithmetic(check.spec);  // as validate does: a valid file runs
  report::write_file_atomically(path, text);
  streams.out << fmt::format("{}: written ({})\n", path, scenario::summarize_scenario(check.spec));
  return 0;
}

}  // namespace spendcast::cli
