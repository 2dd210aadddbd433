#include "cli_call.hpp"

#include <pybind11/pybind11.h>

#include <sstream>

#include "commands.hpp"
#include "usage.hpp"

namespace py = pybind11;

namespace spendcast::python {

CommandOutput run_cli_command(const std::string& command, const std::vector<std::string>& args) {
  for (const cli::Command& c : cli::commands()) {
    if (c.name != command) continue;
    std::ostringstream out, err;
    int code = 0;
    {
      py::gil_scoped_release release;
      code = c.run(args, cli::Streams{out, err});
    }
    return CommandOutput{code, out.str(), err.str()};
  }
  throw cli::UsageError("spendcast: no command '" + command + "'");
}

}  // namespace spendcast::python
