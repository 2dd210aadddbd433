#include "simulation_options.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <utility>

#include "sim/simulate.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

void add_simulation_options(CommandLine& line) {
  // clang-format off
  line.options.add_options()
    ("paths", po::value<std::string>(), "number of paths (default: the scenario's; 1e6 is fine)")
    ("seed", po::value<std::string>(), "64-bit seed (default: the scenario's)")
    ("threads", po::value<int>(), "worker threads (default: all cores; at most 4 per core)")
    ("steps-per-year", po::value<int>(), "1, 2, 4 or 12 (default: the scenario's)");
  // clang-format on
  add_set_option(line);
}

void add_set_option(CommandLine& line) {
  line.options.add_options()("set", po::value<std::vector<std::string>>(),
                             "KEY=VALUE override, VALUE in TOML (repeatable)");
}

analysis::MetricRequest metric_request(const po::variables_map& vm) {
  analysis::MetricRequest request;
  if (vm.count("metric")) request.metrics = vm["metric"].as<std::vector<std::string>>();
  if (vm.count("year")) request.years = vm["year"].as<std::vector<int>>();
  return request;
}

namespace {

/// A whole number written as digits (with optional _ separators) or as 1e6.
std::string whole_number(const CommandLine& line, const std::string& option,
                         const std::string& text) {
  std::string digits;
  for (char c : text)
    if (c != '_') digits += c;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty())
    return std::to_string(value);
  double real = 0;
  auto [rend, rec] = std::from_chars(digits.data(), digits.data() + digits.size(), real);
  if (rec == std::errc() && rend == digits.data() + digits.size() && real >= 0 && real < 1.8e19 &&
      std::floor(real) == real)
    return std::to_string(static_cast<std::uint64_t>(real));
  throw UsageError(fmt::format("spendcast {}: --{} {}: expected a whole number; {}", line.name,
                               option, text, see_help(line.name)));
}

}  // namespace

std::vector<std::string> set_assignments(const ParsedOptions& parsed) {
  if (!parsed.values.count("set")) return {};
  return parsed.values["set"].as<std::vector<std::string>>();
}

std::uint64_t whole_number_option(const CommandLine& line, const std::string& option,
                                  const std::string& text) {
  return std::stoull(whole_number(line, option, text));
}

std::uint64_t byte_size_option(const CommandLine& line, const std::string& option,
                               const std::string& text) {
  static constexpr std::pair<char, int> suffixes[] = {{'K', 10}, {'M', 20}, {'G', 30}, {'T', 40}};
  int shift = 0;
  std::string number = text;
  for (const auto& [suffix, bits] : suffixes)
    if (!number.empty() && std::toupper(static_cast<unsigned char>(number.back())) == suffix) {
      shift = bits;
      number.pop_back();
    }
  const std::uint64_t value = whole_number_option(line, option, number.empty() ? text : number);
  if (value > (std::numeric_limits<std::uint64_t>::max() >> shift))
    throw UsageError(fmt::format("spendcast {}: --{} {}: too large; {}", line.name, option, text,
                                 see_help(line.name)));
  return value << shift;
}

sim::PathShard shard_option(const CommandLine& line, const std::string& text) {
  const std::size_t slash = text.find('/');
  const auto refuse = [&](const std::string& why) {
    return UsageError(
        fmt::format("spendcast {}: --shard {}: {}; {}", line.name, text, why, see_help(line.name)));
  };
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size())
    throw refuse("expected K/N, the K-th of N parts of the paths (1 <= K <= N), e.g. 2/8");
  const std::uint64_t k = whole_number_option(line, "shard", text.substr(0, slash));
  const std::uint64_t n = whole_number_option(line, "shard", text.substr(slash + 1));
  if (n == 0 || k == 0 || k > n) throw refuse("expected 1 <= K <= N");
  return {k - 1, n};
}

std::vector<std::string> scenario_overrides(const CommandLine& line, const ParsedOptions& parsed) {
  const auto& vm = parsed.values;
  std::vector<std::string> overrides = set_assignments(parsed);
  if (vm.count("paths"))
    overrides.push_back("simulation.paths=" +
                        whole_number(line, "paths", vm["paths"].as<std::string>()));
  if (vm.count("seed")) {
    const std::string seed = whole_number(line, "seed", vm["seed"].as<std::string>());
    const bool fits_toml =
        std::stoull(seed) <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    overrides.push_back("simulation.seed=" + (fits_toml ? seed : "\"" + seed + "\""));
  }
  if (vm.count("steps-per-year"))
    overrides.push_back("simulation.steps_per_year=" +
                        std::to_string(vm["steps-per-year"].as<int>()));
  return overrides;
}

int threads_option(const CommandLine& line, const ParsedOptions& parsed, std::ostream& err) {
  if (!parsed.values.count("threads")) return 0;
  const int threads = parsed.values["threads"].as<int>();
  if (threads < 1)
    throw UsageError(fmt::format("spendcast {}: --threads {}: expected at least 1; {}", line.name,
                                 threads, see_help(line.name)));
  if (threads > sim::max_useful_threads()) {
    fmt::print(err,
               "spendcast {}: note: --threads {}: using {} (4 per core; more threads do not "
               "help, and results do not depend on the count)\n",
               line.name, threads, sim::max_useful_threads());
    return sim::max_useful_threads();
  }
  return threads;
}

}  // namespace spendcast::cli
