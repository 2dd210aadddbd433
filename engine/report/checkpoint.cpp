#include "report/checkpoint.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "report/input_file.hpp"
#include "report/json_difference.hpp"
#include "report/state_checksum.hpp"
#include "stats/field_error.hpp"

namespace spendcast::report {

using nlohmann::json;

namespace {

json ranges_to_json(const std::vector<sim::PathRange>& ranges) {
  json done = json::array();
  for (const sim::PathRange& r : ranges) done.push_back({r.first, r.paths});
  return done;
}

/// The checksum of a checkpoint: of its ranges and state together.
std::string checkpoint_checksum(const json& done, const json& state) {
  return state_checksum(json{{"done", done}, {"state", state}});
}

/// The paths a run's checkpoint may hold: its shard's, or all of them.
sim::PathRange run_range(const RunInfo& run) {
  return run.shard ? run.shard->range() : sim::PathRange{0, run.paths};
}

std::vector<sim::PathRange> ranges_from_json(const json& done, sim::PathRange within) {
  if (!done.is_array()) throw stats::FieldError("", "expected an array of [first, paths] pairs");
  std::vector<sim::PathRange> ranges;
  std::uint64_t next = within.first;
  for (std::size_t i = 0; i < done.size(); ++i) {
    const std::string field = "[" + std::to_string(i) + "]";
    const json& pair = done[i];
    sim::PathRange r;
    if (!pair.is_array() || pair.size() != 2 || !stats::as_count(pair[0], r.first) ||
        !stats::as_count(pair[1], r.paths) || r.paths == 0)
      throw stats::FieldError(
          field, "expected [first, paths] with paths >= 1, got " + pair.dump().substr(0, 60));
    if (r.first < next || (i > 0 && r.first == next))
      throw stats::FieldError(field, "ranges out of order, overlapping or touching");
    if (r.first > within.first + within.paths || r.paths > within.first + within.paths - r.first)
      throw stats::FieldError(field, fmt::format("beyond the run's paths {} to {}", within.first,
                                                 within.first + within.paths - 1));
    next = r.first + r.paths;
    ranges.push_back(r);
  }
  return ranges;
}

}  // namespace

json checkpoint_to_json(json scenario, const RunInfo& run, const sim::CompletedPaths& done) {
  json state = done.accumulator.to_json();
  json ranges = ranges_to_json(done.ranges);
  const std::string checksum = checkpoint_checksum(ranges, state);
  return {{"format", checkpoint_format}, {"scenario", std::move(scenario)},
          {"run", run_to_json(run)},     {"done", std::move(ranges)},
          {"state", std::move(state)},   {"state_checksum", checksum}};
}

CheckpointFile read_checkpoint_file(const std::string& path, std::uint64_t max_bytes) {
  const auto fail = [&](const std::string& what) {
    return std::runtime_error(fmt::format("{}: not a spendcast checkpoint: {}", path, what));
  };
  const std::string text = read_input_file(path, max_bytes, "checkpoint");
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error&) {
    throw fail("not JSON (a checkpoint is written whole or not at all: was it another file?)");
  }
  if (!j.is_object() || !j.contains("format")) throw fail("no \"format\" key");
  if (j.at("format") != checkpoint_format)
    throw fail(fmt::format("format {} (expected \"{}\"{})", j.at("format").dump().substr(0, 80),
                           checkpoint_format,
                           j.at("format").is_string() &&
                                   j.at("format").get<std::string>().starts_with("spendcast-result")
                               ? ": a result file, not a checkpoint"
                               : ""));
  try {
    json scenario = stats::in_field("scenario", [&] { return j.at("scenario"); });
    if (!scenario.is_object()) throw stats::FieldError("scenario", "expected an object");
    const RunInfo run = stats::in_field("run", [&] { return run_from_json(j.at("run")); });
    const json& done = stats::in_field("done", [&]() -> const json& { return j.at("done"); });
    const json& state = stats::in_field("state", [&]() -> const json& { return j.at("state"); });
    const std::string stored = stats::in_field(
        "state_checksum", [&] { return j.at("state_checksum").get<std::string>(); });
    if (stored != checkpoint_checksum(done, state))
      throw stats::FieldError(
          "state_checksum",
          "the state does not match its checksum (the file was changed or damaged)");
    std::vector<sim::PathRange> ranges =
        stats::in_field("done", [&] { return ranges_from_json(done, run_range(run)); });
    stats::ForecastAccumulator accumulator =
        stats::in_field("state", [&] { return stats::ForecastAccumulator::from_json(state); });
    std::uint64_t paths = 0;
    for (const sim::PathRange& r : ranges) paths += r.paths;
    if (accumulator.paths() != paths)
      throw stats::FieldError(
          "done", fmt::format("{} paths, but the state holds {}", paths, accumulator.paths()));
    if (accumulator.options().exact != run.exact)
      throw stats::FieldError("run.exact", "differs from the state's");
    return CheckpointFile{path, std::move(scenario), run,
                          sim::CompletedPaths{std::move(ranges), std::move(accumulator)}};
  } catch (const stats::FieldError& e) {
    throw fail(e.what());
  }
}

std::string checkpoint_mismatch(const CheckpointFile& c, const json& scenario, const RunInfo& run) {
  const RunInfo& a = c.run;
  const std::string settings = run_settings_difference(a, run, "the checkpoint", "this run");
  if (!settings.empty()) return settings;
  if (a.paths != run.paths)
    return fmt::format("the paths: {} in the checkpoint, {} in this run", a.paths, run.paths);
  const auto shard = [](const RunInfo& r) {
    return r.shard ? fmt::format("--shard {}/{}", r.shard->shard.index + 1, r.shard->shard.count)
                   : std::string("no --shard");
  };
  if (shard(a) != shard(run))
    return fmt::format("the shard: {} in the checkpoint, {} in this run", shard(a), shard(run));
  if (const auto d = first_json_difference(c.scenario, scenario, "origin"))
    return "the scenario: " + describe(*d, "the checkpoint", "this run");
  return "";
}

}  // namespace spendcast::report
