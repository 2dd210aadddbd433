#include "commands.hpp"

namespace spendcast::cli {

std::span<const Command> commands() {
  static constexpr Command table[] = {
      {"run", "simulate a scenario and print (or write) its forecast distributions", run_command},
      {"merge", "combine the result files of a run's shards (run --shard K/N) into one result",
       merge_command},
      {"validate", "check scenario files and report every problem with its position",
       validate_command},
      {"show", "print the fully resolved scenario as TOML, each value with its origin",
       show_command},
      {"new", "write a commented scenario file to start from", new_command},
      {"schema", "print the JSON Schema of scenario files (for editors: completion, hover text)",
       schema_command},
      {"compare", "compare forecasts of several scenarios (paired) or result files",
       compare_command},
      {"sweep", "run a scenario over lists of values of its keys (paired) and tabulate them",
       sweep_command},
      {"sensitivity", "what drives a metric: every uncertain input ranked, or Sobol indices",
       sensitivity_command},
      {"score", "score a forecast against observed outcomes (CRPS, PIT, coverage)", score_command},
      {"backtest",
       "run a scenario's share dynamics from every year of other markets' histories and score "
       "them",
       backtest_command},
      {"bench", "time the engine on benchmark scenarios: throughput, scaling, against NumPy",
       bench_command},
  };
  return table;
}

}  // namespace spendcast::cli
