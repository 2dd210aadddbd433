#include "usage.hpp"

#include <fmt/format.h>

#include <sstream>

#include "util/closest_match.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

void add_output_options(CommandLine& line, const OutputOptionHelp& help) {
  // clang-format off
  line.options.add_options()
    ("json", po::value<std::string>(), help.json.c_str())
    ("csv", po::value<std::string>(), help.csv.c_str())
    ("quiet,q", help.quiet.c_str());
  // clang-format on
}

void add_scenario_argument(CommandLine& line) {
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
}

std::string see_help(const std::string& command) {
  return command.empty() ? "see 'spendcast --help'"
                         : fmt::format("see 'spendcast {} --help'", command);
}

namespace {

std::vector<std::string> long_option_names(const po::options_description& options) {
  std::vector<std::string> names;
  for (const auto& option : options.options()) names.push_back("--" + option->long_name());
  return names;
}

std::string unknown_option_message(const CommandLine& line, const std::string& option) {
  std::string name = option.substr(0, option.find('='));
  std::string message = fmt::format("spendcast {}: unknown option '{}'", line.name, name);
  if (auto close = util::closest_match(name, long_option_names(line.options)))
    message += fmt::format(" (did you mean '{}'?)", *close);
  return message + "; " + see_help(line.name);
}

}  // namespace

ParsedOptions parse_command_line(CommandLine& line, const std::vector<std::string>& args) {
  line.options.add_options()("help,h", "show this help and exit");
  po::options_description all;
  all.add(line.options).add(line.hidden);

  ParsedOptions parsed;
  try {
    auto result =
        po::command_line_parser(args)
            .options(all)
            .positional(line.positional)
            .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
            .run();
    po::store(result, parsed.values);
    if (parsed.values.count("help")) {
      std::ostringstream text;
      text << "usage: " << line.usage << "\n\n" << line.options;
      if (!line.epilogue.empty()) text << '\n' << line.epilogue;
      throw HelpRequested(text.str());
    }
    po::notify(parsed.values);
  } catch (const po::unknown_option& e) {
    throw UsageError(unknown_option_message(line, e.get_option_name()));
  } catch (const po::required_option& e) {
    const std::string name = e.get_option_name();  // "--files"
    const bool positional =
        line.hidden.find_nothrow(name.substr(name.find_first_not_of('-')), false);
    throw UsageError(positional ? fmt::format("spendcast {}: missing arguments; usage: {}; {}",
                                              line.name, line.usage, see_help(line.name))
                                : fmt::format("spendcast {}: missing option {}; {}", line.name,
                                              name, see_help(line.name)));
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError(
        fmt::format("spendcast {}: too many arguments; {}", line.name, see_help(line.name)));
  } catch (const po::error& e) {
    throw UsageError(fmt::format("spendcast {}: {}; {}", line.name, e.what(), see_help(line.name)));
  }
  return parsed;
}

}  // namespace spendcast::cli
