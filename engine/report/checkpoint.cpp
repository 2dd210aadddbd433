#include "report/checkpoint.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "report/input_file.hpp"
#include "report/json_difference.hpp"
#include "report/state_checksum.hpp"
#include "stats/field_error.hpp"

namespace spendcast {

using nlohmann::json;

namespace {

json ranges_to_json(const std::vector<PathRange>& ranges) {
  json done = json::array();
  for (const PathRange& r : ranges) done.push_back({r.first, r.paths});
  return done;
}

/// The checksum of a checkpoint: of its ranges and state together.
std::string checkpoint_checksum(const json& done, const json& state) {
  return state_checksum(json{{"done", done}, {"state", state}});
}

/// The paths a run's checkpoint may hold: its shard's, or all of them.
PathRange run_range(const RunInfo& run) {
  return run.shard ? run.shard->range() : PathRange{0, run.paths};
}

std::vector<PathRange> ranges_from_json(const json& done, PathRange within) {
  if (!done.is_array()) throw FieldError("", "expected an array of [first, paths] pairs");
  std::vector<PathRange> ranges;
  std::uint64_t next = within.first;
  for (std::size_t i = 0; i < done.size(); ++i) {
    const std::string field = "[" + std::to_string(i) + "]";
    const json& pair = done[i];
    PathRange r;
    if (!pair.is_array() || pair.size() != 2 || !as_count(pair[0], r.first) ||
        !as_count(pair[1], r.paths) || r.paths == 0)
      throw FieldError(field,
                       "expected [first, paths] with paths >= 1, got " + pair.dump().substr(0, 60));
    if (r.first < next || (i > 0 && r.first == next))
      throw FieldError(field, "ranges out of order, overlapping or touching");
    if (r.first > within.first + within.paths || r.paths > within.first + within.paths - r.first)
      throw FieldError(field, fmt::format("beyond the run's paths {} to {}", within.first,
                                          within.first + within.paths - 1));
    next = r.first + r.paths;
    ranges.push_back(r);
  }
  return ranges;
}

}  // namespace

json checkpoint_to_json(json scenario, const RunInfo& run, const CompletedPaths& done) {
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
    json scenario = in_field("scenario", [&] { return j.at("scenario"); });
    if (!scenario.is_object()) throw FieldError("scenario", "expected an object");
    const RunInfo run = in_field("run", [&] { return run_from_json(j.at("run")); });
    const json& done = in_field("done", [&]() -> const json& { return j.at("done"); });
    const json& state = in_field("state", [&]() -> const json& { return j.at("state"); });
    const std::string stored =
        in_field("state_checksum", [&] { return j.at("state_checksum").get<std::string>(); });
    if (stored != checkpoint_checksum(done, state))
      throw FieldError("state_checksum",
                       "the state does not match its checksum (the file was changed or damaged)");
    std::vector<PathRange> ranges =
        in_field("done", [&] { return ranges_from_json(done, run_range(run)); });
    ForecastAccumulator accumulator =
        in_field("state", [&] { return ForecastAccumulator::from_json(state); });
    std::uint64_t paths = 0;
    for (const PathRange& r : ranges) paths += r.paths;
    if (accumulator.paths() != paths)
      throw FieldError("done",
                       fmt::format("{} paths, but the state holds {}", paths, accumulator.paths()));
    if (accumulator.options().exact != run.exact)
      throw FieldError("run.exact", "differs from the state's");
    return CheckpointFile{path, std::move(scenario), run,
                          CompletedPaths{std::move(ranges), std::move(accumulator)}};
  } catch (const FieldError& e) {
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

}  // namespace spendcast
