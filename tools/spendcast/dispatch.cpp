#include "dispatch.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <exception>
#include <ostream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "ranks.hpp"
#include "report/atomic_file.hpp"
#include "scenario/diagnostic.hpp"
#include "usage.hpp"
#include "util/closest_match.hpp"
#include "version.hpp"

namespace spendcast::cli {

namespace {

constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr int exit_interrupted = 130;

void print_help(std::ostream& out) {
  out << "spendcast: Monte Carlo forecasts of enterprise generative-AI spend and vendor shares\n"
         "\n"
         "usage: spendcast COMMAND [ARGS...]\n"
         "       spendcast COMMAND --help\n"
         "       spendcast --version\n"
         "\n"
         "commands:\n";
  for (const auto& command : commands())
    fmt::print(out, "  {:<12} {}\n", command.name, command.summary);
}

std::string version_line() {
  std::string line = fmt::format("spendcast {}", spendcast::version);
  if (*spendcast::git_revision) line += fmt::format(" (git {})", spendcast::git_revision);
  return line;
}

const Command* find_command(const std::string& name) {
  for (const auto& command : commands())
    if (command.name == name) return &command;
  return nullptr;
}

std::string unknown_command_message(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& command : commands()) names.emplace_back(command.name);
  std::string kind = name.starts_with("-") ? "option" : "command";
  std::string message = fmt::format("spendcast: unknown {} '{}'", kind, name);
  if (auto close = util::closest_match(name, names))
    message += fmt::format(" (did you mean '{}'?)", *close);
  return message + "; " + see_help("");
}

/// The commands that split their paths across the ranks of an MPI job (docs/SCALING.md).
bool splits_across_ranks(std::string_view command) {
  return command == "run" || command == "compare" || command == "sweep" || command == "backtest";
}

/// Why `command` cannot run in this process's MPI job, or "" when it can.
std::string rank_refusal(std::string_view command) {
  if (const int launched = launched_ranks(); launched > world_size())
    return fmt::format(
        "spendcast {}: started as {} ranks (mpirun or srun), but {}; run it as one process, or "
        "split the run with --shard K/N (docs/SCALING.md)",
        command, launched,
        mpi_built() ? "this process has not joined the MPI job"
                    : "MPI support is not built (install libopenmpi-dev and rebuild)");
  if (world_size() > 1 && !splits_across_ranks(command))
    return fmt::format(
        "spendcast {}: runs as one process; under mpirun or srun only run, compare, sweep and "
        "backtest "
        "split their paths across ranks (docs/SCALING.md)",
        command);
  return {};
}

}  // namespace

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_help(err);
    return exit_usage;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(out);
    return 0;
  }
  if (first == "--version" || first == "-V") {
    out << version_line() << '\n';
    return 0;
  }
  const Command* command = find_command(first);
  if (!command) {
    err << unknown_command_message(first) << '\n';
    return exit_usage;
  }
  if (const std::string refusal = rank_refusal(command->name); !refusal.empty()) {
    if (launched_rank() == 0) err << refusal << '\n';  // one message for the job
    return exit_usage;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    return command->run(rest, Streams{out, err});
  } catch (const HelpRequested& help) {
    out << help.what();
    return 0;
  } catch (const scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) err << d.to_string() << '\n';
    return exit_usage;
  } catch (const report::OutputPathError& e) {
    err << fmt::format("spendcast {}: {}\n", command->name, e.what());
    return exit_usage;
  } catch (const UsageError& e) {
    err << e.what() << '\n';
    return exit_usage;
  } catch (const NotImplemented& e) {
    err << fmt::format("spendcast {}: {}\n", command->name, e.what());
    return exit_failure;
  } catch (const RankFailed& e) {
    err << e.what();  // rank 0 speaks for the job
    return e.code();
  } catch (const Interrupted&) {
    err << fmt::format("spendcast {}: interrupted; no output files were written\n", command->name);
    return exit_interrupted;
  } catch (const std::exception& e) {
    err << fmt::format("spendcast {}: error: {}\n", command->name, e.what());
    return exit_failure;
  }
}

}  // namespace spendcast::cli
