#include <ostream>

#include "commands.hpp"
#include "scenario/schema.hpp"
#include "usage.hpp"

namespace spendcast::cli {

int schema_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("schema", "spendcast schema");
  parse_command_line(line, args);
  streams.out << scenario::scenario_schema();
  return 0;
}

}  // namespace spendcast::cli
