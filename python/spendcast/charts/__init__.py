"""Charts and HTML reports from spendcast result files (docs/CHARTS.md).

Reading: `inputs` (load a file of any kind), `fields` (formats, InputError), `result`,
`analysis` (sensitivity and comparison files), `distribution` (a metric's distribution
rebuilt from the state), `metrics` (each metric's unit, bounds and words, from one table).
Drawing: `style` (palettes, number formats, the source line), `axes` (shared chart
helpers), `scenario_charts`, `compare_charts`, `distribution_chart`, `tornado`, gathered in
`charts`; `output` writes PNG, SVG and the per-chart JSON sidecar atomically. The report:
`html_page`, `report_tables`, `report`. Programs: `plot_cli` and `report`, started by
`launch` (tools/spendcast-plot, tools/spendcast-report); `doc_images` (tools/doc-images:
the documentation's images, drawn from a run and checked by their figures).
"""

VERSION = "1.0"
