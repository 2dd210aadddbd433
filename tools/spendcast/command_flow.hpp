#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "interrupt.hpp"
#include "progress.hpp"
#include "ranks.hpp"
#include "report/atomic_file.hpp"
#include "sim/simulate.hpp"

namespace spendcast::cli {

/// What a command writes, each piece built only when it is asked for: the text of its
/// --json and --csv outputs and the table it prints on standard output.
struct CommandOutputs {
  std::function<std::string()> json;   ///< the --json file's text
  std::function<std::string()> csv;    ///< the --csv file's text
  std::function<std::string()> table;  ///< the table on standard output
};

/// The flow every command that simulates or combines results shares (run, compare,
/// sensitivity, ...), in one place. While it is alive, Ctrl-C stops the command cleanly
/// (InterruptGuard: exit status 130, nothing written); simulate() shows a progress bar on
/// a terminal's stderr unless --quiet; finish() writes the outputs all or nothing and then
/// the table, unless --quiet or an output is standard output. In an MPI job (ranks.hpp)
/// only rank 0 shows progress and writes.
class CommandFlow {
 public:
  CommandFlow(Streams streams, bool quiet) : streams_(streams), quiet_(quiet) {}

  /// The flag the simulation polls (set by Ctrl-C or SIGTERM).
  const std::atomic<bool>* stop() const { return interrupt_.stop(); }

  /// Calls `simulate(progress)` with a ProgressBar for it to update and returns its
  /// result; a simulation stopped by Ctrl-C (SimulationStopped) becomes Interrupted.
  template <class Simulate>
  decltype(auto) simulate(Simulate&& simulate) const {
    ProgressBar progress(streams_.err, !quiet_ && world_rank() == 0 && stderr_is_terminal());
    try {
      return std::forward<Simulate>(simulate)(progress);
    } catch (const sim::SimulationStopped&) {
      throw Interrupted();
    }
  }

  /// Writes the requested `outputs` (the --json and --csv of the command line) from
  /// `result`, all or nothing (Interrupted when Ctrl-C came first), then prints its table
  /// unless --quiet or an output is "-". Returns whether the table was printed. Ranks
  /// other than 0 write nothing.
  bool finish(const std::vector<report::OutputRequest>& outputs,
              const CommandOutputs& result) const;

 private:
  Streams streams_;
  bool quiet_;
  InterruptGuard interrupt_;
};

}  // namespace spendcast::cli
