#include <fmt/format.h>
#include <algorithm>

#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// Reads report.quantiles (`q`, at `path`) into `report`, unless any is invalid.
void read_quantiles(const DocValue& q, const std::string& path, ReportSpec& report,
                    Diagnostics& diagnostics) {
  constexpr std::string_view expected = "an array of increasing probabilities in (0, 1)";
  if (!read_array(q, path, expected, diagnostics)) return;
  std::vector<double> values;
  bool ok = true;
  if (q.items.empty()) {
    report_range(q, path, "at least one probability in (0, 1)", diagnostics);
    ok = false;
  }
  for (std::size_t i = 0; i < q.items.size(); ++i) {
    const std::string item = fmt::format("{}[{}]", path, i);
    auto x = read_number(q.items[i], item, diagnostics);
    if (!x) {
      ok = false;
    } else if (!(*x > 0 && *x < 1)) {
      report_range(q.items[i], item, "a probability in (0, 1)", diagnostics);
      ok = false;
    } else if (!values.empty() && !(*x > values.back())) {
      report_range(
          q.items[i], item,
          fmt::format("a probability above the previous one, {}", exact_number(values.back())),
          diagnostics);
      ok = false;
    } else {
      values.push_back(*x);
    }
  }
  if (ok) report.quantiles = std::move(values);
}

/// Reads the [report.thresholds] table `t`, one array of numbers per metric, into
/// ctx.spec.report, leaving out any entry with an error.
void read_thresholds(const Section& t, ValidationContext& ctx) {
  const std::vector<std::string> metrics = metric_names(ctx.spec);
  for (const DocEntry& e : t.table()->entries) {
    const std::string path = t.path(e.key);
    bool ok = true;
    if (std::find(metrics.begin(), metrics.end(), e.key) == metrics.end() &&
        ctx.failed_compositions.empty()) {
      report_unknown_name(e.key_where, path, "metric", e.key, metrics, ctx.diagnostics);
      ok = false;
    }
    if (!read_array(e.value, path, "an array of numbers", ctx.diagnostics)) continue;
    ThresholdSpec threshold{e.key, {}};
    if (e.value.items.empty()) {
      report_range(e.value, path, "at least one number", ctx.diagnostics);
      ok = false;
    }
    for (std::size_t i = 0; i < e.value.items.size(); ++i) {
      if (auto x = read_number(e.value.items[i], fmt::format("{}[{}]", path, i), ctx.diagnostics))
        threshold.values.push_back(*x);
      else
        ok = false;
    }
    if (ok) ctx.spec.report.thresholds.push_back(std::move(threshold));
  }
}

}  // namespace

void read_report(ValidationContext& ctx) {
  Section s = ctx.root.sub("report");
  s.allow_keys_of(report_keys());
  if (const DocValue* q = s.get("quantiles"))
    read_quantiles(*q, s.path("quantiles"), ctx.spec.report, ctx.diagnostics);
  Section t = s.sub("thresholds");
  if (!t.present()) return;
  read_thresholds(t, ctx);
}

}  // namespace spendcast::scenario
