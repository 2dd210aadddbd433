#include "outputs.hpp"

#include <algorithm>
#include <set>

#include "interrupt.hpp"

namespace spendcast::cli {

std::vector<report::OutputRequest> requested_outputs(const ParsedOptions& parsed,
                                                     const std::vector<std::string>& inputs) {
  std::vector<report::OutputRequest> outputs;
  for (const char* option : {"json", "csv"})
    if (parsed.values.count(option))
      outputs.push_back({std::string("--") + option, parsed.values[option].as<std::string>()});
  report::check_outputs(outputs, inputs);
  return outputs;
}

namespace {

/// The files the values of `value` come from (not --set overrides).
void collect_origins(const scenario::DocValue& value, std::set<std::string>& files) {
  if (!value.where.origin.empty() && !value.where.origin.starts_with("--set"))
    files.insert(value.where.origin);
  for (const auto& entry : value.entries) collect_origins(entry.value, files);
  for (const auto& item : value.items) collect_origins(item, files);
}

}  // namespace

void check_outputs_against(const std::vector<report::OutputRequest>& outputs,
                           const scenario::LoadedScenario& scenario) {
  if (outputs.empty()) return;
  std::set<std::string> files;
  collect_origins(scenario.document, files);
  report::check_outputs(outputs, std::vector<std::string>(files.begin(), files.end()));
}

bool writes_standard_output(const std::vector<report::OutputRequest>& outputs) {
  return std::any_of(outputs.begin(), outputs.end(),
                     [](const report::OutputRequest& o) { return o.path == "-"; });
}

void write_command_outputs(const std::vector<report::OutputFile>& files, std::ostream& out,
                           const std::atomic<bool>* stop) {
  if (!report::write_outputs(files, out, stop)) throw Interrupted();
}

}  // namespace spendcast::cli
