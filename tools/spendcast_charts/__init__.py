"""Charts and HTML reports from spendcast result files (docs/CHARTS.md).

Modules: `data` reads result and sensitivity JSON and rebuilds distributions from the
accumulator state; `style` holds the palettes, units and the source line; `charts` builds
each chart as a matplotlib Figure plus the numbers it plots; `output` writes PNG, SVG and
the per-chart JSON sidecar atomically; `plot_cli` and `report` are the two programs.
"""

VERSION = "1.0"
