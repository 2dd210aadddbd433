"""spendcast from Python: charts and reports of result files (`spendcast.charts`,
docs/CHARTS.md)."""
