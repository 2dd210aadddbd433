"""Reading spendcast files: result (docs/RESULT-FORMAT.md), comparison and sensitivity
files (docs/CHARTS.md), and bench results (docs/PERFORMANCE.md). Anything else is refused
with one line naming the file and why, before anything is drawn or written."""

import difflib
import errno
import json
import math
import os
import stat
import sys
from typing import Any, Callable, Iterable, Optional, Sequence, TypeVar, Union

from .analysis import Comparison, Sensitivity
from .backtest_chart import BACKTEST_FORMAT, BacktestRun
from .bench_chart import BenchRun
from .fields import (BENCH_FORMAT, COMPARISON_FORMAT, OLD_RESULT_FORMATS, RESULT_FORMAT,
                     SENSITIVITY_FORMAT, InputError)
from .result import Result

Loaded = Union[Result, Sensitivity, Comparison, BenchRun, BacktestRun]
T = TypeVar("T")
MAX_BYTES = 2 << 30  # 2 GiB: far above any result file (a million exact values is ~40 MB)


def not_ours(path: str, why: str) -> InputError:
    """The one message for a file that is not one this tool reads."""
    return InputError(f"{path}: not a spendcast result file ({why})")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number spendcast writes")


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise ValueError(f"the number {text} is out of range")
    return v


def read_json(path: str) -> Any:
    """The JSON document in a regular file. A directory, FIFO or device is refused before
    it is opened for reading (a FIFO is opened non-blocking, so nothing waits on it); so are
    text that is not UTF-8 JSON, NaN and Infinity, numbers out of range and nesting too
    deep for the parser."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise not_ours(path, "no such file" if e.errno == errno.ENOENT else
                       f"cannot read it: {e.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise not_ours(path, _kind(st.st_mode))
    if st.st_size > MAX_BYTES:
        raise not_ours(path, f"{st.st_size} bytes: larger than any result file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise not_ours(path, f"cannot read it: {e.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since the stat
            raise not_ours(path, "not a regular file")
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise not_ours(path, f"not UTF-8 text: byte {e.start}") from None
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError:
        raise not_ours(path, "JSON nested too deeply") from None
    except json.JSONDecodeError as e:
        raise not_ours(path, f"not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except ValueError as e:
        raise not_ours(path, str(e)) from None


def load(path: str) -> Loaded:
    """Reads a result, comparison, sensitivity or bench file: a Result, Comparison,
    Sensitivity or BenchRun; InputError for anything else."""
    doc = read_json(path)
    if not isinstance(doc, dict):
        raise not_ours(path, f"JSON {type(doc).__name__} at the top level, not an object")
    fmt = doc.get("format")
    kinds = {RESULT_FORMAT: Result, SENSITIVITY_FORMAT: Sensitivity,
             COMPARISON_FORMAT: Comparison, BENCH_FORMAT: BenchRun,
             BACKTEST_FORMAT: BacktestRun,
             **{old: Result for old in OLD_RESULT_FORMATS}}
    if not isinstance(fmt, str) or fmt not in kinds:
        seen = f"format {fmt!r}" if "format" in doc else "no format key"
        raise not_ours(path, f"{seen}; expected {RESULT_FORMAT!r} (spendcast run "
                             f"--json), {COMPARISON_FORMAT!r} (spendcast compare --json) or "
                             f"{SENSITIVITY_FORMAT!r} (spendcast sensitivity --json) or "
                             f"{BENCH_FORMAT!r} (spendcast bench --json) or "
                             f"{BACKTEST_FORMAT!r} (spendcast backtest --json)")
    try:
        return kinds[fmt](doc, path)
    except InputError as e:
        raise not_ours(path, str(e).removeprefix(f"{path}: ")) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        raise not_ours(path, f"unexpected content: {type(e).__name__}: {e}") from None


def load_inputs(paths: Iterable[str], benches: Optional[list[BenchRun]] = None,
                backtests: Optional[list[BacktestRun]] = None
                ) -> tuple[list[Result], list[Sensitivity], list[Comparison]]:
    """Results, sensitivity files and comparison files, with labels made unique; bench
    and backtest results go to `benches` and `backtests` (InputError when the caller takes
    none)."""
    results: list[Result] = []
    sens: list[Sensitivity] = []
    comps: list[Comparison] = []
    for path in paths:
        doc = load(path)
        if isinstance(doc, BenchRun):
            if benches is None:
                raise InputError(f"{path}: a spendcast bench result: draw it with "
                                 "spendcast-plot")
            benches.append(doc)
        elif isinstance(doc, BacktestRun):
            if backtests is None:
                raise InputError(f"{path}: a spendcast backtest result: draw it with "
                                 "spendcast-plot")
            backtests.append(doc)
        elif isinstance(doc, Result):
            results.append(doc)
        elif isinstance(doc, Comparison):
            comps.append(doc)
        else:
            sens.append(doc)
    for group in (results, sens, comps, benches or [], backtests or []):  # names differ between the kinds
        seen: dict[str, int] = {}
        for d in group:
            k = seen.get(d.name, 0) + 1
            seen[d.name] = k
            d.label = d.name if k == 1 else f"{d.name}-{k}"
    return results, sens, comps


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """' (did you mean 'share.Anthropic'?)' naming the closest known names, or ''."""
    close = difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def check_metric_and_year(results: Sequence[Result], comps: Sequence[Comparison],
                          metric: Optional[str], year: Optional[int]) -> None:
    """InputError for a --metric no result or comparison file has (with the closest
    names), or a --year in which no file has the metric (with the years there are)."""
    if not results and not comps:
        return
    known: list[str] = []
    for r in results:
        known += [m for m in r.metrics if m not in known]
    for c in comps:
        known += [m for m in c.metrics() if m not in known]
    name = metric or "spend"
    if metric is not None and metric not in known:
        raise InputError(f"unknown metric {metric!r}{did_you_mean(metric, known)}; the files "
                         f"have: {', '.join(sorted(known))}")
    if year is None:
        return
    years = sorted({y for r in results for y in r.years(name)} |
                   {y for c in comps for comp in c.comparisons for y, _ in c.cells(comp, name)})
    if year not in years:
        have = f"{years[0]}–{years[-1]}" if years and years[-1] - years[0] + 1 == len(years) \
            else ", ".join(map(str, years)) or "none"
        raise InputError(f"no year {year} for {name}: the files have {have}")


def read_or_explain(prog: str, action: str, files: Sequence[str],
                    read: Callable[[], T]) -> Optional[T]:
    """`read()`, or None once standard error says why it failed: an InputError's message,
    or "cannot ACTION FILES: unexpected content (...)" for content the checks missed
    (KeyError, TypeError, ValueError, IndexError). On None the program exits with status 2."""
    try:
        return read()
    except InputError as e:
        print(f"{prog}: {e}", file=sys.stderr)
    except (KeyError, TypeError, ValueError, IndexError) as e:  # content the checks missed
        print(f"{prog}: cannot {action} {', '.join(files)}: unexpected content "
              f"({type(e).__name__}: {e})", file=sys.stderr)
    return None
