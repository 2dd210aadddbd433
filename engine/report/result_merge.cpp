#include "report/result_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "report/json_difference.hpp"

namespace spendcast::report {

using nlohmann::json;

namespace {

/// The paths a part holds and the size of its run.
struct Part {
  sim::PathRange range;
  std::uint64_t total = 0;
};

Part part_of(const ResultFile& r) {
  if (r.run.shard) return {r.run.shard->range(), r.run.shard->total_paths};
  return {{0, r.run.paths}, r.run.paths};
}

std::string paths_text(std::uint64_t first, std::uint64_t end) {
  return end == first + 1 ? fmt::format("path {}", first)
                          : fmt::format("paths {} to {}", first, end - 1);
}

/// Refuses `b` unless it is of the same run as `a` (but for its range).
void check_same_run(const ResultFile& a, const ResultFile& b) {
  std::string difference = run_settings_difference(a.run, b.run, a.origin, b.origin);
  if (difference.empty()) {
    const std::string scenario = scenario_difference(a, b);
    if (!scenario.empty()) difference = "the scenario: " + scenario;
  }
  const Part pa = part_of(a), pb = part_of(b);
  if (difference.empty() && pa.total != pb.total)
    difference =
        fmt::format("the run's paths: {} in {}, {} in {}", pa.total, a.origin, pb.total, b.origin);
  if (!difference.empty())
    throw MergeError("not parts of one run: " + difference + "; merge only the parts of one run");
}

}  // namespace

std::string scenario_difference(const ResultFile& a, const ResultFile& b) {
  const auto d = first_json_difference(a.scenario, b.scenario, "origin");
  return d ? describe(*d, a.origin, b.origin) : "";
}

ResultFile merge_results(std::vector<ResultFile> parts) {
  if (parts.size() < 2)
    throw MergeError(fmt::format(
        "{}: one file: merge combines the result files of all the shards of a run (run --shard "
        "K/N), at least two",
        parts.empty() ? std::string("(none)") : parts.front().origin));
  for (std::size_t i = 1; i < parts.size(); ++i) check_same_run(parts.front(), parts[i]);
  std::stable_sort(parts.begin(), parts.end(), [](const ResultFile& a, const ResultFile& b) {
    const Part pa = part_of(a), pb = part_of(b);
    return pa.range.first != pb.range.first ? pa.range.first < pb.range.first
                                            : pa.range.paths < pb.range.paths;
  });
  const std::uint64_t total = part_of(parts.front()).total;
  std::uint64_t next = 0;  // the first path no part so far holds
  const ResultFile* previous = nullptr;
  for (const ResultFile& p : parts) {
    const sim::PathRange r = part_of(p).range;
    if (r.first > next)
      throw MergeError(fmt::format(
          "{} of the run's {} are in none of the files (missing between "
          "{} and {}): merge the results of all the shards",
          paths_text(next, r.first), total, previous ? previous->origin : "its start", p.origin));
    if (r.first < next && r.paths > 0)
      throw MergeError(fmt::format("{} are in both {} and {}: each path must be in one file only",
                                   paths_text(r.first, std::min(next, r.first + r.paths)),
                                   previous->origin, p.origin));
    next = std::max(next, r.first + r.paths);
    previous = &p;
  }
  if (next < total)
    throw MergeError(
        fmt::format("{} of the run's {} are in none of the files (missing after {}): "
                    "merge the results of all the shards",
                    paths_text(next, total), total, previous->origin));
  ResultFile merged = parts.front();
  merged.origin = "merge";
  merged.run.paths = total;
  merged.run.shard.reset();
  double path_steps = 0;
  merged.run.elapsed_s = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const RunInfo& r = parts[i].run;
    if (i > 0) merged.accumulator.merge(parts[i].accumulator);
    merged.run.threads = std::max(merged.run.threads, r.threads);
    merged.run.elapsed_s += r.elapsed_s;
    path_steps += r.path_steps_per_s * r.elapsed_s;
  }
  merged.run.path_steps_per_s = path_steps / std::max(merged.run.elapsed_s, 1e-9);
  return merged;
}

}  // namespace spendcast::report
