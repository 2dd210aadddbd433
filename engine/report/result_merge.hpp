#pragma once

#include <stdexcept>
#include <vector>

#include "report/result_json.hpp"

namespace spendcast::report {

/// Result files that are not the parts of one run; the message names the files and what
/// differs, overlaps or is missing.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The difference of two result files' "scenario" objects that keeps them from being parts
/// of one run: "" when equal but for "origin" (the path the scenario was read by, which may
/// differ between machines), else the first differing key and both values
/// ("spend.volatility: 0.2 in a.json, 0.3 in b.json").
std::string scenario_difference(const ResultFile& a, const ResultFile& b);

/// The result of a whole run from the results of its parts (the shards of `run --shard
/// K/N`, or whole runs), given in any order: their accumulators merged, which equals one
/// run of all the paths bitwise (the accumulators merge exactly and order-free), the
/// scenario of the part holding path 0, and the run information of the whole run. The
/// volatile run information is combined: `threads` is the parts' largest, `elapsed_s`
/// their sum, `path_steps_per_s` the path-steps of all over that sum. Refuses with a
/// MergeError fewer than two parts, parts of different scenarios (but for "origin"),
/// seeds, sampling, accuracy or engine versions, parts of runs of different path counts,
/// and ranges that overlap or leave paths out (naming the paths and files).
ResultFile merge_results(std::vector<ResultFile> parts);

}  // namespace spendcast::report
