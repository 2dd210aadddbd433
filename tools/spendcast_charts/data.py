"""Reading spendcast result files (docs/RESULT-FORMAT.md) and sensitivity files
(docs/CHARTS.md), and rebuilding a metric's distribution from the accumulator state."""

import json
import math
import os

import numpy as np

RESULT_FORMAT = "spendcast-result/1"
SENSITIVITY_FORMAT = "spendcast-sensitivity/1"
COMPARISON_FORMAT = "spendcast-comparison/1"
FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


class InputError(Exception):
    """A file that cannot be read or is not a spendcast file this tool understands."""


def _level_key(level):
    """The JSON key of a quantile level as the engine writes it: 0.05 -> "0.05"."""
    return repr(float(level))


def load(path):
    """Reads a result, comparison or sensitivity file: a Result, Comparison or
    Sensitivity."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid JSON: {e}") from None
    if not isinstance(doc, dict):
        raise InputError(f"{path}: not a spendcast file (the top level is not an object)")
    fmt = doc.get("format")
    if fmt == RESULT_FORMAT:
        return Result(doc, path)
    if fmt == SENSITIVITY_FORMAT:
        return Sensitivity(doc, path)
    if fmt == COMPARISON_FORMAT:
        return Comparison(doc, path)
    raise InputError(f"{path}: unknown format {fmt!r}: expected {RESULT_FORMAT!r} "
                     f"(spendcast run --json), {COMPARISON_FORMAT!r} (spendcast compare "
                     f"--json) or {SENSITIVITY_FORMAT!r} (spendcast sensitivity --json)")


def _get(doc, path, keys, kind=None):
    node = doc
    for k in keys:
        if not isinstance(node, dict) or k not in node:
            raise InputError(f"{path}: missing {'.'.join(keys)}")
        node = node[k]
    if kind is not None and not isinstance(node, kind):
        raise InputError(f"{path}: {'.'.join(keys)} has the wrong type")
    return node


class Result:
    """One `spendcast run --json` file."""

    def __init__(self, doc, path):
        self.doc = doc
        self.path = path
        scenario = _get(doc, path, ["scenario"], dict)
        self.scenario = scenario
        self.name = str(scenario.get("name") or os.path.splitext(os.path.basename(path))[0])
        self.title = str(scenario.get("title") or self.name)
        self.description = str(scenario.get("description") or "").strip()
        self.data_source = str(scenario.get("data_source") or "").strip()
        sim = _get(doc, path, ["scenario", "simulation"], dict)
        self.base_year = int(_get(doc, path, ["scenario", "simulation", "base_year"]))
        self.horizon = int(sim.get("horizon", self.base_year))
        run = doc.get("run") or {}
        self.paths = run.get("paths", sim.get("paths"))
        self.seed = run.get("seed", sim.get("seed"))
        self.sampling = run.get("sampling", sim.get("sampling"))
        self.engine_version = run.get("engine_version", "")
        self.exact = bool(run.get("exact", False))
        self.metrics = _get(doc, path, ["metrics"], dict)
        if "spend" not in self.metrics:
            raise InputError(f"{path}: metrics.spend is missing")
        self.probabilities = doc.get("probabilities") or {}
        spend = scenario.get("spend") or {}
        self.base_spend = spend.get("base_spend_usd_bn")
        self.observed_growth = spend.get("observed_growth")
        vendors = scenario.get("vendors") or {}
        self.vendors = list(vendors.get("categories") or [])
        self.vendor_names = [v["name"] for v in self.vendors]
        self.vendors_of = vendors.get("of")
        segments = scenario.get("segments") or {}
        self.segments = list(segments.get("categories") or [])
        self.segment_names = [s["name"] for s in self.segments]
        if not self.vendor_names:  # a result without a scenario section: from the metrics
            self.vendor_names = sorted(m[6:] for m in self.metrics if m.startswith("share."))
        self._cells = None
        self.label = self.name  # made unique by the caller when files share a name

    # -- metrics -----------------------------------------------------------------------
    def has(self, metric):
        return metric in self.metrics

    def years(self, metric="spend"):
        """The years a metric has, as ints, ascending."""
        return sorted(int(y) for y in self.metrics.get(metric, {}))

    def cell(self, metric, year):
        try:
            return self.metrics[metric][str(year)]
        except KeyError:
            raise InputError(f"{self.path}: no metric {metric!r} in year {year}") from None

    def quantile(self, metric, year, level):
        """The file's quantile of a metric: quantiles[level] when the report has that level,
        else percentiles[100 level] (the engine writes the same number in both)."""
        c = self.cell(metric, year)
        q = c.get("quantiles") or {}
        key = _level_key(level)
        if key in q:
            return float(q[key])
        for k, v in q.items():
            if abs(float(k) - level) < 1e-12:
                return float(v)
        pct = c.get("percentiles") or {}
        pk = f"{level * 100:g}"
        if pk in pct:
            return float(pct[pk])
        return self.distribution(metric, year).quantile(level)

    def anchor(self, metric):
        """The metric's known value in the base year (from the scenario's observed data), or
        None: fans start from it."""
        base = self.base_spend
        vend = {v["name"]: v for v in self.vendors}
        segs = {s["name"]: s for s in self.segments}
        try:
            if metric == "spend":
                return float(base) if base is not None else None
            if metric.startswith("share.") and metric[6:] in vend:
                return float(vend[metric[6:]]["base_share"])
            if metric.startswith("share_segment.") and metric[14:] in segs:
                return float(segs[metric[14:]]["base_share"])
            if metric.startswith("spend.") and metric[6:] in segs and base is not None:
                return float(base) * float(segs[metric[6:]]["base_share"])
            if metric.startswith("revenue.") and metric[8:] in vend and base is not None:
                of = segs.get(self.vendors_of) if self.vendors_of else None
                seg_share = float(of["base_share"]) if of else 1.0
                return float(base) * seg_share * float(vend[metric[8:]]["base_share"])
            if metric == "hhi" and vend:
                return float(sum(float(v["base_share"]) ** 2 for v in vend.values()))
            if metric == "growth" and self.observed_growth is not None:
                return float(math.exp(float(self.observed_growth)))
        except (KeyError, TypeError, ValueError):
            return None
        return None

    def observed(self, metric):
        """Observed (year, value) points of a metric: the base year and, where the scenario
        holds the observed log change, the year before."""
        a = self.anchor(metric)
        if a is None or metric in ("growth", "hhi") or metric.startswith("revenue."):
            return []
        points = [(self.base_year, a)]
        if metric == "spend" and self.observed_growth is not None:
            points.insert(0, (self.base_year - 1, a * math.exp(-float(self.observed_growth))))
        elif metric.startswith("share."):
            v = next((v for v in self.vendors if v["name"] == metric[6:]), None)
            if v is not None and not v.get("entrant") and v.get("observed_momentum") is not None:
                points.insert(0, (self.base_year - 1,
                                  a * math.exp(-float(v["observed_momentum"]))))
            elif v is not None and v.get("entrant"):
                return []
        elif metric.startswith("spend.") or metric.startswith("share_segment."):
            s = next((s for s in self.segments if s["name"] == metric.split(".", 1)[1]), None)
            if s is not None and s.get("entrant"):
                return []
        return points

    def fan(self, metric, levels=FAN_LEVELS, anchored=True):
        """Years and an array (len(levels), len(years)) of the metric's quantiles; with
        `anchored`, the base year comes first with every quantile at the anchor value."""
        years = self.years(metric)
        q = np.array([[self.quantile(metric, y, lv) for y in years] for lv in levels])
        a = self.anchor(metric) if anchored else None
        if a is not None and years and years[0] > self.base_year:
            years = [self.base_year] + years
            q = np.concatenate([np.full((len(levels), 1), a), q], axis=1)
        return years, q

    # -- probabilities -----------------------------------------------------------------
    def leader(self, year):
        """{vendor: P(vendor has the largest share in year)}."""
        table = (self.probabilities.get("leader") or {}).get(str(year)) or {}
        return {v: float(p["p"]) for v, p in table.items()}

    # -- distributions -----------------------------------------------------------------
    def _state_cell(self, metric, year):
        if self._cells is None:
            self._cells = {}
            state = self.doc.get("state") or {}
            for c in state.get("cells") or []:
                if isinstance(c, dict) and "metric" in c and "year" in c:
                    self._cells[(c["metric"], str(c["year"]))] = c
        return self._cells.get((metric, str(year)))

    def distribution(self, metric, year):
        """The metric's distribution in a year: every value after --exact, else the quantile
        sketch of the state (docs/STATISTICS.md), else the file's percentiles 1..99."""
        c = self._state_cell(metric, year)
        if c is not None:
            if c.get("values"):
                return Distribution.from_values(c["values"])
            if c.get("sketch"):
                return Distribution.from_sketch(c["sketch"])
        cell = self.cell(metric, year)
        pct = cell.get("percentiles") or {}
        if not pct:
            raise InputError(f"{self.path}: no distribution for {metric} in {year}")
        return Distribution.from_percentiles(pct, cell.get("min"), cell.get("max"))


class Sensitivity:
    """A sensitivity file, format spendcast-sensitivity/1 (docs/CHARTS.md), in either of
    its two forms: `factors` (what `spendcast sensitivity --json` writes: spearman and srrc
    as {value, se}, low and high as {value, median}, median, levels) or the simple
    `parameters` list (spearman, src, swing_low, swing_high, and base)."""

    def __init__(self, doc, path):
        self.doc = doc
        self.path = path
        self.metric = str(_get(doc, path, ["metric"]))
        self.year = doc.get("year")
        self.parameters = []
        self.levels = None
        if "factors" in doc:
            self._read_factors(_get(doc, path, ["factors"], list))
            self.base = _num(doc.get("median"))
            levels = doc.get("levels")
            if isinstance(levels, list) and len(levels) == 2:
                self.levels = (_num(levels[0]), _num(levels[1]))
        else:
            self._read_parameters(_get(doc, path, ["parameters"], list))
            self.base = _num(doc.get("base"))
        scenario = doc.get("scenario") or {}
        if isinstance(scenario, str):
            scenario = {"name": scenario}
        self.name = str(scenario.get("name") or os.path.splitext(os.path.basename(path))[0])
        self.title = str(scenario.get("title") or self.name)
        self.data_source = str(scenario.get("data_source") or doc.get("data_source") or
                               "").strip()
        self.origin = str(doc.get("origin") or scenario.get("origin") or "")
        run = doc.get("run") or {}
        self.paths = run.get("paths", doc.get("paths"))
        self.seed = run.get("seed", doc.get("seed"))
        self.engine_version = run.get("engine_version", doc.get("engine_version", ""))
        self.notes = [str(n) for n in doc.get("notes") or []]
        self.label = self.name

    def _read_parameters(self, params):
        for i, p in enumerate(params):
            if not isinstance(p, dict) or "name" not in p:
                raise InputError(f"{self.path}: parameters[{i}] has no name")
            self.parameters.append({
                "name": str(p["name"]),
                "event": bool(p.get("kind") == "event"),
                "spearman": _num(p.get("spearman")),
                "src": _num(p.get("src")),
                "swing_low": _num(p.get("swing_low")),
                "swing_high": _num(p.get("swing_high")),
            })

    def _read_factors(self, factors):
        def value(x):
            return _num(x.get("value")) if isinstance(x, dict) else _num(x)

        def median(x):
            return _num(x.get("median")) if isinstance(x, dict) else None

        for i, f in enumerate(factors):
            if not isinstance(f, dict) or "name" not in f:
                raise InputError(f"{self.path}: factors[{i}] has no name")
            if f.get("varies") is False:
                continue  # constant over the paths: nothing to show
            self.parameters.append({
                "name": str(f["name"]),
                "event": f.get("kind") == "event",
                "spearman": value(f.get("spearman")),
                "src": value(f.get("srrc", f.get("src"))),
                "swing_low": median(f.get("low")),
                "swing_high": median(f.get("high")),
            })


class Comparison:
    """A `spendcast compare --json` file, format spendcast-comparison/1: each input after
    the first against the first (B against A), per metric and year: each one's median
    [5 %, 95 %], KS and W1, and when paired (scenarios run with common random numbers) the
    per-path difference B − A, the ratio and P(B > A); unpaired, P(B > A) for independent
    draws."""

    def __init__(self, doc, path):
        self.doc = doc
        self.path = path
        self.paired = bool(doc.get("paired"))
        self.inputs = [i for i in _get(doc, path, ["inputs"], list) if isinstance(i, dict)]
        self.comparisons = [c for c in _get(doc, path, ["comparisons"], list)
                            if isinstance(c, dict) and "a" in c and "b" in c]
        if not self.comparisons:
            raise InputError(f"{path}: no comparisons")
        self.notes = [str(n) for n in doc.get("notes") or []]
        by_label = {i.get("label"): i for i in self.inputs}
        first = self.inputs[0] if self.inputs else {}
        self.name = str(first.get("label") or "compare")
        self.label = self.name
        self.title = "Scenarios against " + str(first.get("title") or self.name)
        run = doc.get("run") or {}
        self.paths = run.get("paths", first.get("paths"))
        self.seed = run.get("seed", first.get("seed"))
        self.engine_version = run.get("engine_version", "")
        self.data_source = ""
        self.input_titles = {k: str(v.get("title") or k) for k, v in by_label.items()}

    def metrics(self):
        out = []
        for c in self.comparisons:
            for m in c.get("metrics") or {}:
                if m not in out:
                    out.append(m)
        return out

    def cells(self, comparison, metric):
        """[(year, cell)] of one comparison for a metric, years increasing."""
        table = (comparison.get("metrics") or {}).get(metric) or {}
        return sorted(((int(y), c) for y, c in table.items()), key=lambda t: t[0])

    def p_greater(self, cell):
        """P(B > A): paired when there, else for independent draws."""
        for key in ("p_greater", "p_greater_unpaired"):
            v = cell.get(key)
            if isinstance(v, dict) and _num(v.get("p")) is not None:
                return _num(v.get("p"))
        return None


def _num(x):
    if x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


class Distribution:
    """A one-dimensional distribution as a piecewise-linear CDF through (x, F) knots,
    plus weighted points for a kernel density estimate."""

    def __init__(self, xs, fs, points, weights, lo, hi, n):
        self.n = float(n)  # number of values behind it (for the bandwidth)
        self.xs = np.asarray(xs, dtype=float)
        self.fs = np.asarray(fs, dtype=float)
        self.points = np.asarray(points, dtype=float)
        self.weights = np.asarray(weights, dtype=float)
        self.lo = float(lo)
        self.hi = float(hi)

    @staticmethod
    def from_values(values):
        v = np.sort(np.asarray(values, dtype=float))
        n = v.size
        # the NumPy "linear" rule: F(v[i]) = i / (n - 1)
        fs = np.arange(n) / max(n - 1, 1)
        return Distribution(v, fs, v, np.ones(n), v[0], v[-1], n)

    @staticmethod
    def from_sketch(sk):
        """The sketch's values as the engine reads them (docs/STATISTICS.md): a key k
        covers the magnitudes from the double whose bits are k << (52 - b) (lo) up to the
        one of (k + 1) << (52 - b) (hi); each value of the bucket stands at the
        representative 2 lo hi / (lo + hi), clamped to the exact [min, max], and the first
        and last values are the exact min and max."""
        bits = int(sk["subbucket_bits"])
        shift = np.uint64(52 - bits)
        reps, counts = [], []

        def store(s, sign):
            c = np.asarray(s.get("counts") or [], dtype=np.float64)
            if c.size == 0:
                return
            keys = np.uint64(int(s["first_key"])) + np.arange(c.size, dtype=np.uint64)
            lo = (keys << shift).view(np.float64)
            hi = ((keys + np.uint64(1)) << shift).view(np.float64)
            rep = 2.0 * lo * hi / (lo + hi)
            nz = c > 0
            rep, c = rep[nz], c[nz]
            if sign < 0:
                rep, c = -rep[::-1], c[::-1]
            reps.append(rep)
            counts.append(c)

        store(sk.get("negative") or {}, -1)
        zero = float(sk.get("zero_count") or 0)
        if zero > 0:
            reps.append(np.array([0.0]))
            counts.append(np.array([zero]))
        store(sk.get("positive") or {}, 1)
        if not counts:
            raise InputError("empty sketch")
        rep = np.concatenate(reps)
        c = np.concatenate(counts)
        vmin = float(sk.get("min", rep[0]))
        vmax = float(sk.get("max", rep[-1]))
        rep = np.clip(rep, vmin, vmax)
        # rank 0 is the exact min, rank n - 1 the exact max
        rep = np.concatenate([[vmin], rep, [vmax]])
        c = np.concatenate([[1.0], c, [1.0]])
        c[1] -= 1.0
        c[-2] -= 1.0
        if c.sum() <= 1.0:  # a single value
            c = np.array([1.0])
            rep = np.array([vmin])
        keep = c > 0
        return Distribution.from_points(rep[keep], c[keep], vmin, vmax)

    @staticmethod
    def from_points(points, counts, vmin, vmax):
        """Sorted support points with counts; quantiles by NumPy's 'linear' rule between
        order statistics, so that the CDF is the inverse of the file's quantiles: a point
        holding ranks a..b gets the knots (x, a/(n-1)) and (x, b/(n-1))."""
        counts = np.asarray(counts, dtype=float)
        n = counts.sum()
        last = np.cumsum(counts) - 1.0
        first = last - counts + 1.0
        denom = max(n - 1.0, 1.0)
        xs = np.repeat(points, 2)
        fs = np.empty(xs.size)
        fs[0::2], fs[1::2] = first / denom, last / denom
        return Distribution(xs, fs, points, counts, vmin, vmax, n)

    @staticmethod
    def from_percentiles(pct, vmin=None, vmax=None):
        ks = sorted(pct, key=float)
        fs = [float(k) / 100.0 for k in ks]
        xs = [float(pct[k]) for k in ks]
        if vmin is not None:
            xs, fs = [float(vmin)] + xs, [0.0] + fs
        if vmax is not None:
            xs, fs = xs + [float(vmax)], fs + [1.0]
        xs = np.maximum.accumulate(np.asarray(xs))
        fs = np.asarray(fs)
        mids = 0.5 * (xs[1:] + xs[:-1])
        return Distribution(xs, fs, mids, np.diff(fs), xs[0], xs[-1], len(ks))

    def cdf(self, x):
        return np.interp(x, self.xs, self.fs, left=0.0, right=1.0)

    def quantile(self, p):
        """Inverse of the piecewise-linear CDF (the first x where F reaches p)."""
        fs, xs = self.fs, self.xs
        i = int(np.searchsorted(fs, p, side="left"))
        if i <= 0:
            return float(xs[0])
        if i >= fs.size:
            return float(xs[-1])
        f0, f1 = fs[i - 1], fs[i]
        if f1 <= f0:
            return float(xs[i])
        return float(xs[i - 1] + (p - f0) / (f1 - f0) * (xs[i] - xs[i - 1]))

    def log_scale(self):
        """True when the values are positive and spread over a wide ratio: densities are
        then estimated on log(x)."""
        q01, q99 = self.quantile(0.01), self.quantile(0.99)
        return q01 > 0 and q99 / q01 > 4.0

    def density(self, grid, log=None):
        """A Gaussian kernel density estimate at `grid` (Silverman's bandwidth), on log(x)
        when `log` (default: log_scale())."""
        if log is None:
            log = self.log_scale()
        w = self.weights / self.weights.sum()
        pts = self.points
        g = np.asarray(grid, dtype=float)
        if log:
            keep = pts > 0
            pts, w = np.log(pts[keep]), w[keep] / w[keep].sum()
            g = np.log(np.maximum(g, 1e-300))
        mean = float(np.sum(w * pts))
        sd = math.sqrt(max(float(np.sum(w * (pts - mean) ** 2)), 0.0))
        order = np.argsort(pts)
        cw = np.cumsum(w[order])
        q25 = pts[order][min(np.searchsorted(cw, 0.25), cw.size - 1)]
        q75 = pts[order][min(np.searchsorted(cw, 0.75), cw.size - 1)]
        spread = min(sd, (q75 - q25) / 1.349) if q75 > q25 else sd
        h = 0.9 * max(spread, 1e-12) * max(self.n, 1.0) ** -0.2
        # histogram the points onto a fine grid first: fast, and the error is far below h
        lo, hi = g.min() - 4 * h, g.max() + 4 * h
        nb = 2048
        edges = np.linspace(lo, hi, nb + 1)
        centres = 0.5 * (edges[1:] + edges[:-1])
        hist, _ = np.histogram(pts, bins=edges, weights=w)
        z = (g[:, None] - centres[None, :]) / h
        f = (np.exp(-0.5 * z * z) @ hist) / (h * math.sqrt(2 * math.pi))
        if log:
            f = f / np.exp(g)
        return f
