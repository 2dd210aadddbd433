#include <fmt/format.h>
#include <algorithm>

#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

void read_report(ValidationContext& ctx) {
  Section s = ctx.root.sub("report");
  s.allow_keys_of(report_keys());
  ReportSpec& report = ctx.spec.report;
  if (const DocValue* q = s.get("quantiles")) {
    constexpr std::string_view expected = "an array of increasing probabilities in (0, 1)";
    if (read_array(*q, s.path("quantiles"), expected, ctx.diagnostics)) {
      std::vector<double> values;
      bool ok = true;
      if (q->items.empty()) {
        report_range(*q, s.path("quantiles"), "at least one probability in (0, 1)",
                     ctx.diagnostics);
        ok = false;
      }
      for (std::size_t i = 0; i < q->items.size(); ++i) {
        const std::string path = fmt::format("{}[{}]", s.path("quantiles"), i);
        auto x = read_number(q->items[i], path, ctx.diagnostics);
        if (!x) {
          ok = false;
        } else if (!(*x > 0 && *x < 1)) {
          report_range(q->items[i], path, "a probability in (0, 1)", ctx.diagnostics);
          ok = false;
        } else if (!values.empty() && !(*x > values.back())) {
          report_range(
              q->items[i], path,
              fmt::format("a probability above the previous one, {}", exact_number(values.back())),
              ctx.diagnostics);
          ok = false;
        } else {
          values.push_back(*x);
        }
      }
      if (ok) report.quantiles = std::move(values);
    }
  }
  Section t = s.sub("thresholds");
  if (!t.present()) return;
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
    if (ok) report.thresholds.push_back(std::move(threshold));
  }
}

}  // namespace spendcast::scenario
