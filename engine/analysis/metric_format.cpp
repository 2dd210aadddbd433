#include "analysis/metric_format.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/summary_table.hpp"

namespace spendcast::analysis {

MetricUnit metric_unit(std::string_view metric) {
  if (metric == "spend" || metric.starts_with("spend.") || metric.starts_with("revenue."))
    return MetricUnit::usd_bn;
  if (metric.starts_with("share.") || metric.starts_with("share_segment.") || metric == "cagr" ||
      metric.starts_with("event."))
    return MetricUnit::fraction;
  return MetricUnit::number;
}

std::string unit_label(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::usd_bn:
      return "$B";
    case MetricUnit::fraction:
      return "%";
    case MetricUnit::number:
      break;
  }
  return "";
}

std::string format_number(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::fabs(value) >= 999.5 && std::fabs(value) < 1e7) return fmt::format("{:.0f}", value);
  std::string s = fmt::format("{:.3g}", value);
  return s == "-0" ? "0" : s;
}

std::string format_metric(double value, MetricUnit unit) {
  if (std::isnan(value)) return "n/a";
  switch (unit) {
    case MetricUnit::usd_bn:
      return report::format_spend(value);
    case MetricUnit::fraction:
      return report::format_percent(value);
    case MetricUnit::number:
      break;
  }
  return format_number(value);
}

std::string format_signed(double difference, MetricUnit unit) {
  if (std::isnan(difference)) return "n/a";
  if (difference == 0) return "0";
  const std::string magnitude = format_metric(std::fabs(difference), unit);
  return (difference > 0 ? "+" : "-") + magnitude;
}

std::string format_probability(double p, double se) {
  if (std::isnan(p)) return "n/a";
  return fmt::format("{} ± {}", report::format_percent(p), report::format_percent(se));
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

}  // namespace spendcast::analysis
