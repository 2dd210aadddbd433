#include "bench_result.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "analysis/text_table.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace {

constexpr double noisy_spread = 0.10;  ///< warn when (max − min) / median exceeds this

nlohmann::json spread_json(const Spread& s) {
  return {{"median", s.median}, {"min", s.min}, {"max", s.max}};
}

/// 6.2 M, 812 k, 950.
std::string rate(double per_s) {
  if (per_s >= 1e6) return fmt::format("{:.2f} M", per_s / 1e6);
  if (per_s >= 1e3) return fmt::format("{:.1f} k", per_s / 1e3);
  return fmt::format("{:.0f}", per_s);
}

std::string warning(const std::string& what, const Spread& s) {
  return fmt::format(
      "warning: {}: the repetitions spread over {:.1f} % of the median (limit {:.0f} %): a busy "
      "machine or too short runs; try more --paths or --repeat\n",
      what, 100 * s.relative_range(), 100 * noisy_spread);
}

[[noreturn]] void not_bench(const std::string& path, const std::string& what) {
  throw UsageError(fmt::format(
      "spendcast bench: --compare-to {}: not a spendcast bench result: {}; expected a file "
      "written by 'spendcast bench --json FILE' (\"format\": \"{}\")",
      path, what, bench_format));
}

}  // namespace

Spread spread_of(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  const double median = n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
  return {median, samples.front(), samples.back()};
}

nlohmann::json bench_to_json(const BenchResult& result) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const auto& s : result.scenarios) {
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& r : s.runs) {
      nlohmann::json run = {{"threads", r.threads},
                            {"seconds", r.seconds},
                            {"path_steps_per_s", spread_json(r.path_steps_per_s)},
                            {"ns_per_path_step", spread_json(r.ns_per_path_step)},
                            {"efficiency", nullptr}};
      if (r.efficiency) run["efficiency"] = *r.efficiency;
      runs.push_back(run);
    }
    nlohmann::json j = {{"name", s.name},
                        {"paths", s.paths},
                        {"steps", s.steps},
                        {"runs", runs},
                        {"kernel",
                         {{"ns_per_path_step", spread_json(s.kernel_ns)},
                          {"floor_ns_per_path_step", spread_json(s.floor_ns)},
                          {"kernel_over_floor", s.kernel_ns.median / s.floor_ns.median}}},
                        {"peak_memory_bytes", s.peak_memory_bytes},
                        {"numpy", nullptr}};
    if (s.numpy_path_steps_per_s) {
      const double numpy = s.numpy_path_steps_per_s->median;
      nlohmann::json ratios = nlohmann::json::object();
      for (const auto& r : s.runs)
        ratios[std::to_string(r.threads)] = r.path_steps_per_s.median / numpy;
      j["numpy"] = {{"path_steps_per_s", spread_json(*s.numpy_path_steps_per_s)},
                    {"engine_over_numpy", ratios}};
    }
    scenarios.push_back(j);
  }
  return {{"format", bench_format},
          {"machine", result.machine.to_json()},
          {"repeat", result.repeat},
          {"scenarios", scenarios}};
}

std::string bench_report(const BenchResult& result) {
  std::string out = result.machine.describe();
  out += fmt::format("timing:  median of {} repetition{} after a warm-up; spread: min - max\n\n",
                     result.repeat, result.repeat == 1 ? "" : "s");
  analysis::TextTable table(
      {"scenario", "threads", "path-steps/s", "min - max", "ns/path-step", "efficiency"});
  std::string notes, warnings;
  for (const auto& s : result.scenarios) {
    for (const auto& r : s.runs) {
      table.add_row({s.name, std::to_string(r.threads), rate(r.path_steps_per_s.median),
                     rate(r.path_steps_per_s.min) + " - " + rate(r.path_steps_per_s.max),
                     fmt::format("{:.1f}", r.ns_per_path_step.median),
                     r.efficiency ? fmt::format("{:.2f}", *r.efficiency) : "-"});
      if (r.path_steps_per_s.relative_range() > noisy_spread)
        warnings +=
            warning(fmt::format("{}, {} thread{}", s.name, r.threads, r.threads == 1 ? "" : "s"),
                    r.path_steps_per_s);
    }
    notes += fmt::format(
        "{}: {} paths x {} steps; kernel {:.1f} ns per path-step on one thread, floor {:.1f} ns "
        "(kernel/floor {:.2f}); peak memory {:.1f} MiB (process high-water mark)\n",
        s.name, s.paths, s.steps, s.kernel_ns.median, s.floor_ns.median,
        s.kernel_ns.median / s.floor_ns.median,
        static_cast<double>(s.peak_memory_bytes) / (1024.0 * 1024.0));
    if (s.kernel_ns.relative_range() > noisy_spread)
      warnings += warning(s.name + ", kernel", s.kernel_ns);
    if (s.floor_ns.relative_range() > noisy_spread)
      warnings += warning(s.name + ", floor", s.floor_ns);
    if (s.numpy_path_steps_per_s) {
      const double numpy = s.numpy_path_steps_per_s->median;
      std::string ratios;
      for (const auto& r : s.runs)
        ratios +=
            fmt::format("{}{:.1f}x at {} thread{}", ratios.empty() ? "" : ", ",
                        r.path_steps_per_s.median / numpy, r.threads, r.threads == 1 ? "" : "s");
      notes += fmt::format("{}: NumPy baseline {} path-steps/s; engine/NumPy {}\n", s.name,
                           rate(numpy), ratios);
      if (s.numpy_path_steps_per_s->relative_range() > noisy_spread)
        warnings += warning(s.name + ", NumPy", *s.numpy_path_steps_per_s);
    }
  }
  out += table.render() + "\n" + notes;
  if (!warnings.empty()) out += "\n" + warnings;
  return out;
}

nlohmann::json read_bench_json(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw UsageError(fmt::format("spendcast bench: --compare-to {}: cannot open the file", path));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    not_bench(path, fmt::format("not JSON ({})", e.what()));
  }
  if (!j.is_object() || !j.contains("format")) not_bench(path, "no \"format\" key");
  if (j["format"] != bench_format)
    not_bench(path, fmt::format("\"format\" is {}", j["format"].dump()));
  if (!j.contains("scenarios") || !j["scenarios"].is_array())
    not_bench(path, "no \"scenarios\" array");
  for (std::size_t i = 0; i < j["scenarios"].size(); ++i) {
    const auto& s = j["scenarios"][i];
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string() || !s.contains("runs") ||
        !s["runs"].is_array())
      not_bench(path, fmt::format("scenarios[{}] lacks \"name\" or \"runs\"", i));
    for (std::size_t k = 0; k < s["runs"].size(); ++k) {
      const auto& r = s["runs"][k];
      if (!r.is_object() || !r.contains("threads") || !r["threads"].is_number_integer() ||
          !r.contains("path_steps_per_s") || !r["path_steps_per_s"].is_object() ||
          !r["path_steps_per_s"].contains("median") || !r["path_steps_per_s"]["median"].is_number())
        not_bench(path, fmt::format("scenarios[{}].runs[{}] lacks \"threads\" or "
                                    "\"path_steps_per_s\".\"median\"",
                                    i, k));
    }
  }
  return j;
}

std::string bench_comparison(const BenchResult& result, const nlohmann::json& old_result,
                             const std::string& old_path) {
  const MachineDescription old_machine =
      MachineDescription::from_json(old_result.value("machine", nlohmann::json::object()));
  std::string out = fmt::format(
      "\nchange against {} (new/old of the median path-steps/s; "
      "below 1: slower)\n",
      old_path);
  std::map<std::pair<std::string, int>, double> old_rates;
  for (const auto& s : old_result["scenarios"])
    for (const auto& r : s["runs"])
      old_rates[{s["name"].get<std::string>(), r["threads"].get<int>()}] =
          r["path_steps_per_s"]["median"].get<double>();
  analysis::TextTable table({"scenario", "threads", "old", "new", "new/old", ""});
  int matched = 0;
  for (const auto& s : result.scenarios)
    for (const auto& r : s.runs) {
      const auto it = old_rates.find({s.name, r.threads});
      if (it == old_rates.end()) continue;
      ++matched;
      const double ratio = r.path_steps_per_s.median / it->second;
      table.add_row({s.name, std::to_string(r.threads), rate(it->second),
                     rate(r.path_steps_per_s.median), fmt::format("{:.3f}", ratio),
                     ratio < 0.9   ? "slower"
                     : ratio > 1.1 ? "faster"
                                   : ""});
    }
  if (matched == 0)
    out += "  no scenario and thread count in common with the earlier run\n";
  else
    out += table.render();
  std::vector<std::string> differences;
  const auto differ = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) differences.push_back(fmt::format("{} '{}' then, '{}' now", what, a, b));
  };
  differ("cpu", old_machine.cpu, result.machine.cpu);
  differ("logical cores", std::to_string(old_machine.logical_cores),
         std::to_string(result.machine.logical_cores));
  differ("-march", old_machine.arch, result.machine.arch);
  differ("instruction set", old_machine.instruction_set, result.machine.instruction_set);
  if (!differences.empty()) {
    std::string list;
    for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
    out += analysis::wrap_text("the machines differ (" + list +
                                   "), so the ratios mix the machine's change with the "
                                   "program's",
                               "note: ");
  }
  if (old_machine.engine_version != result.machine.engine_version)
    out += fmt::format("versions: {} then, {} now\n", old_machine.engine_version,
                       result.machine.engine_version);
  return out;
}

}  // namespace spendcast::cli
