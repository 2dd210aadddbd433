#include "outputs.hpp"

#include <algorithm>

#include "interrupt.hpp"

namespace spendcast::cli {

std::vector<OutputRequest> requested_outputs(const ParsedOptions& parsed,
                                             const std::vector<std::string>& inputs) {
  std::vector<OutputRequest> outputs;
  for (const char* option : {"json", "csv"})
    if (parsed.values.count(option))
      outputs.push_back({std::string("--") + option, parsed.values[option].as<std::string>()});
  check_outputs(outputs, inputs);
  return outputs;
}

bool writes_standard_output(const std::vector<OutputRequest>& outputs) {
  return std::any_of(outputs.begin(), outputs.end(),
                     [](const OutputRequest& o) { return o.path == "-"; });
}

void write_command_outputs(const std::vector<OutputFile>& files, std::ostream& out,
                           const std::atomic<bool>* stop) {
  if (!write_outputs(files, out, stop)) throw Interrupted();
}

}  // namespace spendcast::cli
