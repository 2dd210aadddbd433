#include "command_flow.hpp"

#include <ostream>

#include "outputs.hpp"

namespace spendcast::cli {

bool CommandFlow::finish(const std::vector<report::OutputRequest>& outputs,
                         const CommandOutputs& result) const {
  if (world_rank() != 0) return false;
  std::vector<report::OutputFile> files;
  for (const report::OutputRequest& o : outputs)
    files.push_back({o.path, o.option == "--json" ? result.json() : result.csv()});
  write_command_outputs(files, streams_.out, stop());
  if (quiet_ || writes_standard_output(outputs)) return false;
  streams_.out << result.table();
  return true;
}

}  // namespace spendcast::cli
