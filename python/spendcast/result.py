"""A forecast in Python: what `spendcast run` prints and writes, as text, DataFrames and
charts (docs/PYTHON.md)."""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING, Any, Optional

import pandas as pd

from . import _engine

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The CSV's statistics: q<level> (a quantile) and its q<level>_se; p, p_se, p_never and
# p_never_se of a probability (p1 ... p99 are percentiles).
_QUANTILE = re.compile(r"^q([0-9.eE+-]+)$")
PROBABILITY_STATISTICS = ("p", "p_se", "p_never", "p_never_se")
TEXT_COLUMNS = ("scenario", "variant", "metric", "statistic")


def read_tidy_csv(text: bytes) -> pd.DataFrame:
    """A tidy CSV of the CLI (run, compare, sensitivity, score --csv) as a DataFrame: a
    column whose every field is a number becomes numbers ("nan" and "inf" included; years
    integers), the others stay text (an empty variant is "", never NaN)."""
    frame = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)
    for column in frame.columns:
        if column in TEXT_COLUMNS:
            continue
        try:
            numbers = frame[column].astype(float)
        except ValueError:
            continue
        whole = numbers.notna().all() and (numbers == numbers.round()).all()
        frame[column] = numbers.astype(int) if column == "year" and whole else numbers
    return frame


class Result:
    """One forecast: from spendcast.run or spendcast.load."""

    def __init__(self, data: "_engine.ResultData") -> None:
        self._data = data
        self._doc: Optional[dict[str, Any]] = None
        self._frame: Optional[pd.DataFrame] = None

    def __repr__(self) -> str:
        info = self.run_info
        return (f"<spendcast.Result {self.scenario!r}: {info.get('paths')} paths, seed "
                f"{info.get('seed')}, from {self._data.origin}>")

    @property
    def document(self) -> dict[str, Any]:
        """The result JSON (docs/RESULT-FORMAT.md) as Python objects."""
        if self._doc is None:
            self._doc = json.loads(self._data.json)
        return self._doc

    @property
    def scenario(self) -> str:
        """The scenario's name."""
        return str(self.document["scenario"]["name"])

    @property
    def run_info(self) -> dict[str, Any]:
        """Paths, seed, threads, sampling, elapsed seconds, engine version ("run" of the
        JSON)."""
        return dict(self.document["run"])

    def summary(self) -> str:
        """The table `spendcast run` prints (for a result of spendcast.run; a loaded file
        holds the resolved scenario as JSON, not the scenario the table is drawn from)."""
        if self._data.summary is None:
            raise ValueError(f"{self._data.origin}: summary() needs the scenario: a loaded "
                             "result has no table; use frame(), quantiles() or "
                             "probabilities")
        return self._data.summary

    def __str__(self) -> str:
        return self._data.summary if self._data.summary is not None else repr(self)

    def frame(self) -> pd.DataFrame:
        """Every number of the forecast as a tidy DataFrame, the rows and columns of
        `spendcast run --csv` (scenario, variant, metric, year, statistic, value)."""
        if self._frame is None:
            self._frame = read_tidy_csv(self._data.csv)
        return self._frame.copy()

    def quantiles(self, metric: str) -> pd.DataFrame:
        """A metric's quantiles: one row per year, one column per quantile level."""
        f = self.frame()
        rows = f[f["metric"] == metric]
        if rows.empty:
            known = sorted(set(f["metric"]))
            raise KeyError(f"no metric {metric!r} in {self.scenario}; metrics: "
                           + ", ".join(known))
        levels = rows["statistic"].str.extract(_QUANTILE, expand=False)
        rows = rows.assign(level=levels.astype(float)).dropna(subset=["level"])
        table = rows.pivot(index="year", columns="level", values="value")
        table.columns.name = "quantile"
        return table

    @property
    def probabilities(self) -> pd.DataFrame:
        """The probabilities (leader, pairs, thresholds, events, first years): one row per
        metric and year, columns p and p_se (and p_never, p_never_se for first years)."""
        f = self.frame()
        rows = f[f["statistic"].isin(PROBABILITY_STATISTICS)]
        table = rows.pivot(index=["metric", "year"], columns="statistic", values="value")
        table.columns.name = None
        return table[[c for c in PROBABILITY_STATISTICS if c in table.columns]]

    def to_json(self, path: str) -> None:
        """Writes the result file, byte for byte what `spendcast run --json` writes (all or
        nothing, as the CLI writes)."""
        _engine.write_file(path, self._data.json)

    def to_csv(self, path: str) -> None:
        """Writes the tidy CSV, byte for byte what `spendcast run --csv` writes."""
        _engine.write_file(path, self._data.csv)

    # -- charts (spendcast.charts, as spendcast-plot draws them) -----------------------
    def _chart_result(self) -> Any:
        from .charts import result as chart_result, style
        style.setup()
        return chart_result.Result(self.document, self._data.origin)

    def plot_fan(self, metric: str = "spend", log: bool = False) -> "Figure":
        """The fan chart of a metric, as spendcast-plot draws it: a matplotlib Figure."""
        from .charts.scenario_charts import fan_chart
        return fan_chart(self._chart_result(), metric, log=log).fig

    def plot_shares(self) -> "Figure":
        """The vendor shares chart, as spendcast-plot draws it: a matplotlib Figure."""
        from .charts import style
        from .charts.scenario_charts import shares_chart
        r = self._chart_result()
        vendors, _ = style.palettes([r])
        return shares_chart(r, vendors).fig
