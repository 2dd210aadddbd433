"""Every chart builder in one namespace (the builders live in the modules by purpose):
each returns an output.Chart whose `data` holds the numbers it plots (docs/CHARTS.md)."""

from .axes import warn
from .backtest_chart import pit_chart, reliability_chart
from .bench_chart import scaling_chart
from .compare_charts import comparison_chart, overlay_chart, side_by_side_chart
from .distribution_chart import distribution_chart
from .scenario_charts import fan_chart, leader_chart, revenue_chart, shares_chart
from .tornado import tornado_chart

__all__ = ["comparison_chart", "distribution_chart", "fan_chart", "leader_chart",
           "overlay_chart", "pit_chart", "reliability_chart", "revenue_chart", "scaling_chart", "shares_chart", "side_by_side_chart",
           "tornado_chart", "warn"]
