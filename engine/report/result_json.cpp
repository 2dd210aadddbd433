#include "report/result_json.hpp"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>

#include "report/input_file.hpp"
#include "report/scenario_json.hpp"
#include "report/state_checksum.hpp"
#include "stats/field_error.hpp"
#include "stats/json_integer.hpp"

namespace spendcast::report {

using nlohmann::json;

std::string number_key(double value) {
  return fmt::format("{}", value);
}

namespace {

json estimate(const stats::Estimate& e) {
  return {{"p", e.value}, {"se", e.se}};
}

json metric_json(const stats::MetricSummary& s, const std::vector<double>& levels) {
  json quantiles = json::object(), quantile_se = json::object(), percentiles = json::object();
  for (std::size_t k = 0; k < levels.size(); ++k) {
    quantiles[number_key(levels[k])] = s.quantiles[k].value;
    quantile_se[number_key(levels[k])] = s.quantiles[k].se;
  }
  for (std::size_t p = 0; p < s.percentiles.size(); ++p)
    percentiles[std::to_string(p + 1)] = s.percentiles[p];
  return {{"count", s.count},
          {"mean", s.mean},
          {"sd", s.sd},
          {"se", s.se},
          {"min", s.min},
          {"max", s.max},
          {"quantiles", quantiles},
          {"quantile_se", quantile_se},
          {"percentiles", percentiles}};
}

bool is_event_row(const stats::MetricLayout& layout, std::size_t m) {
  for (int row : layout.event_metrics)
    if (static_cast<std::size_t>(row) == m) return true;
  return false;
}

json metrics_json(const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  json metrics = json::object();
  for (std::size_t m = 0; m < L.metrics.size(); ++m) {
    if (is_event_row(L, m)) continue;  // reported as probabilities
    json years = json::object();
    const bool horizon_only = L.metrics[m] == "cagr";
    for (std::size_t y = horizon_only ? L.years.size() - 1 : 0; y < L.years.size(); ++y)
      years[std::to_string(L.years[y])] = metric_json(f.metric(m, y), L.quantiles);
    metrics[L.metrics[m]] = years;
  }
  return metrics;
}

json probabilities_json(const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  const std::size_t years = L.years.size();
  json leader = json::object(), pairs = json::object(), thresholds = json::object(),
       events = json::object(), first = json::object();
  for (std::size_t y = 0; y < years; ++y) {
    json row = json::object();
    for (std::size_t v = 0; v < L.vendor_names.size(); ++v)
      row[L.vendor_names[v]] = estimate(f.leader(y, v));
    if (!L.vendor_names.empty()) leader[std::to_string(L.years[y])] = row;
  }
  for (std::size_t i = 0; i < L.vendor_names.size(); ++i)
    for (std::size_t j = i + 1; j < L.vendor_names.size(); ++j) {
      json row = json::object();
      for (std::size_t y = 0; y < years; ++y)
        row[std::to_string(L.years[y])] = estimate(f.pair(y, i, j));
      pairs[L.vendor_names[i] + ">" + L.vendor_names[j]] = row;
    }
  for (std::size_t t = 0; t < L.thresholds.size(); ++t) {
    const std::string& metric = L.metrics[L.thresholds[t].metric];
    for (std::size_t k = 0; k < L.thresholds[t].values.size(); ++k) {
      json row = json::object();
      for (std::size_t y = 0; y < years; ++y)
        row[std::to_string(L.years[y])] = estimate(f.threshold(t, k, y));
      thresholds[metric][number_key(L.thresholds[t].values[k])] = row;
    }
  }
  for (std::size_t e = 0; e < L.event_names.size(); ++e) {
    json row = json::object();
    for (std::size_t y = 0; y < years; ++y)
      row[std::to_string(L.years[y])] = estimate(f.event(e, y));
    events[L.event_names[e]] = row;
  }
  for (std::size_t t = 0; t < L.first_year_spend_thresholds.size(); ++t) {
    json row = json::object();
    for (std::size_t k = 0; k <= years; ++k)
      row[k < years ? std::to_string(L.years[k]) : "never"] = estimate(f.first_year(t, k));
    first[number_key(L.first_year_spend_thresholds[t])] = row;
  }
  return {{"leader", leader},
          {"pairs", pairs},
          {"thresholds", thresholds},
          {"events", events},
          {"spend_first_year", first}};
}

}  // namespace

json run_to_json(const RunInfo& r) {
  json j = {{"paths", r.paths},
            {"seed", r.seed},
            {"threads", r.threads},
            {"steps_per_year", r.steps_per_year},
            {"sampling", sampling_name(r.sampling)},
            {"exact", r.exact},
            {"relative_accuracy", r.relative_accuracy},
            {"elapsed_s", r.elapsed_s},
            {"path_steps_per_s", r.path_steps_per_s},
            {"engine_version", r.engine_version}};
  if (r.shard) {
    const sim::PathRange range = r.shard->range();
    j["shard"] = {{"index", r.shard->shard.index + 1},
                  {"count", r.shard->shard.count},
                  {"first_path", range.first},
                  {"total_paths", r.shard->total_paths}};
  }
  return j;
}

namespace {

/// run.shard of a result file: 1-based "index" of "count", "first_path" and "total_paths"
/// consistent with each other.
ShardOfRun read_shard(const json& s) {
  ShardOfRun shard;
  const std::uint64_t index = stats::read_count(s, "index");
  shard.shard.count = stats::read_count(s, "count");
  if (shard.shard.count == 0) throw stats::FieldError("count", "expected at least 1");
  if (index == 0 || index > shard.shard.count)
    throw stats::FieldError("index",
                            fmt::format("{} is not in 1 to count {}", index, shard.shard.count));
  shard.shard.index = index - 1;
  shard.total_paths = stats::read_count(s, "total_paths");
  const sim::PathRange range = shard.range();
  if (stats::read_count(s, "first_path") != range.first)
    throw stats::FieldError("first_path",
                            fmt::format("{} is not where shard {} of {} of {} paths "
                                        "starts ({})",
                                        s.at("first_path").dump(), index, shard.shard.count,
                                        shard.total_paths, range.first));
  return shard;
}

}  // namespace

std::string run_settings_difference(const RunInfo& a, const RunInfo& b, const std::string& where_a,
                                    const std::string& where_b) {
  const auto differ = [&](const std::string& what, const std::string& va, const std::string& vb) {
    return fmt::format("{}: {} in {}, {} in {}", what, va, where_a, vb, where_b);
  };
  if (a.engine_version != b.engine_version)
    return differ("the build (engine version)", '"' + a.engine_version + '"',
                  '"' + b.engine_version + '"');
  if (a.seed != b.seed) return differ("the seed", std::to_string(a.seed), std::to_string(b.seed));
  if (a.steps_per_year != b.steps_per_year)
    return differ("the steps per year", std::to_string(a.steps_per_year),
                  std::to_string(b.steps_per_year));
  if (a.sampling != b.sampling)
    return differ("the sampling", sampling_name(a.sampling), sampling_name(b.sampling));
  const auto quantiles = [](const RunInfo& r) {
    return r.exact ? std::string("--exact")
                   : fmt::format("relative accuracy {}", r.relative_accuracy);
  };
  if (a.exact != b.exact || a.relative_accuracy != b.relative_accuracy)
    return differ("the quantiles", quantiles(a), quantiles(b));
  return "";
}

RunInfo run_from_json(const json& r) {
  RunInfo run;
  run.paths = stats::read_count(r, "paths");
  run.seed =
      stats::in_field("seed", [&] { return stats::json_integer<std::uint64_t>(r.at("seed")); });
  run.threads =
      stats::in_field("threads", [&] { return stats::json_integer<int>(r.at("threads")); });
  run.steps_per_year = stats::in_field(
      "steps_per_year", [&] { return stats::json_integer<int>(r.at("steps_per_year")); });
  run.sampling = r.at("sampling") == "lhs" ? scenario::Sampling::lhs : scenario::Sampling::mc;
  run.exact = stats::in_field("exact", [&] { return r.at("exact").get<bool>(); });
  run.relative_accuracy = stats::read_finite(r, "relative_accuracy");
  run.elapsed_s = stats::read_finite(r, "elapsed_s");
  run.path_steps_per_s = stats::read_finite(r, "path_steps_per_s");
  run.engine_version =
      stats::in_field("engine_version", [&] { return r.at("engine_version").get<std::string>(); });
  if (r.contains("shard"))
    run.shard = stats::in_field("shard", [&] { return read_shard(r.at("shard")); });
  return run;
}

json result_to_json(const scenario::ScenarioSpec& spec, const RunInfo& run,
                    const stats::ForecastAccumulator& accumulator) {
  return result_to_json(scenario_to_json(spec), run, accumulator);
}

json result_to_json(json scenario, const RunInfo& run,
                    const stats::ForecastAccumulator& accumulator) {
  const stats::Forecast forecast = accumulator.forecast();
  json state = accumulator.to_json();
  const std::string checksum = state_checksum(state);
  return {{"format", result_format},
          {"scenario", std::move(scenario)},
          {"run", run_to_json(run)},
          {"metrics", metrics_json(forecast)},
          {"probabilities", probabilities_json(forecast)},
          {"state", std::move(state)},
          {"state_checksum", checksum}};
}

ResultFile result_from_json(const json& j, const std::string& origin) {
  auto fail = [&](const std::string& what) -> std::runtime_error {
    return std::runtime_error(fmt::format("{}: not a spendcast result file: {}", origin, what));
  };
  if (!j.is_object() || !j.contains("format")) throw fail("no \"format\" key");
  if (j.at("format") != result_format && j.at("format") != "spendcast-result/1")
    throw fail(fmt::format("format {} (expected \"{}\" or \"spendcast-result/1\")",
                           j.at("format").dump().substr(0, 80), result_format));
  // Checked field by field: a file may come from another machine, version or a broken disk.
  try {
    const json& s = stats::in_field("scenario", [&]() -> const json& { return j.at("scenario"); });
    const RunInfo run = stats::in_field("run", [&] { return run_from_json(j.at("run")); });
    if (run.shard && run.paths != run.shard->range().paths)
      throw stats::FieldError("run.paths",
                              fmt::format("{} is not the {} paths of shard {} of {}", run.paths,
                                          run.shard->range().paths, run.shard->shard.index + 1,
                                          run.shard->shard.count));
    const std::string name =
        stats::in_field("scenario.name", [&] { return s.at("name").get<std::string>(); });
    const std::string title =
        stats::in_field("scenario.title", [&] { return s.at("title").get<std::string>(); });
    const json& state = stats::in_field("state", [&]() -> const json& { return j.at("state"); });
    const std::string stored = stats::in_field(
        "state_checksum", [&] { return j.at("state_checksum").get<std::string>(); });
    if (stored != state_checksum(state))
      throw stats::FieldError(
          "state_checksum",
          "the state does not match its checksum (the file was changed or damaged)");
    stats::ForecastAccumulator accumulator =
        stats::in_field("state", [&] { return stats::ForecastAccumulator::from_json(state); });
    if (accumulator.counts().paths() != run.paths)
      throw stats::FieldError("run.paths", "differs from the paths of the state");
    return ResultFile{origin, name, title, s, run, std::move(accumulator)};
  } catch (const stats::FieldError& e) {
    throw fail(e.what());
  }
}

ResultFile parse_result_text(const std::string& text, const std::string& origin) {
  json j;
  try {
    // The reported numbers ("metrics", "probabilities") follow from the state and are not
    // read back: parsed (so a damaged file is still refused) but not kept.
    j = json::parse(text, [](int depth, json::parse_event_t event, json& parsed) {
      return !(depth == 1 && event == json::parse_event_t::key &&
               (parsed == "metrics" || parsed == "probabilities"));
    });
  } catch (const json::parse_error& e) {
    // nlohmann's text without its "[json.exception.parse_error.101] " tag.
    const std::string what = e.what();
    const std::size_t tag = what.find("] ");
    throw std::runtime_error(fmt::format("{}: not a spendcast result file: not JSON ({})", origin,
                                         tag == std::string::npos ? what : what.substr(tag + 2)));
  }
  return result_from_json(j, origin);
}

ResultFile read_result_file(const std::string& path, std::uint64_t max_bytes) {
  return parse_result_text(read_input_file(path, max_bytes, "result file"), path);
}

}  // namespace spendcast::report
