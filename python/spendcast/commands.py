"""spendcast.run, load, compare, sensitivity, score, sweep, backtest and merge: the CLI's
commands on the same engine, in this process, returning a Result or DataFrames
(docs/PYTHON.md)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import warnings
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import pandas as pd

from . import _engine
from .errors import CommandError, ScenarioError
from .result import Result, read_tidy_csv
from .scenario_toml import scenario_toml, toml_value

Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]
Input = Union[str, "os.PathLike[str]", Result]

DICT_ORIGIN = "<dict>"  # the origin a dict scenario's diagnostics name


class SpendcastWarning(UserWarning):
    """A note of the engine: a scenario's warning, a capped thread count."""


def option_args(**options: Any) -> list[str]:
    """Keyword options in the CLI's words: steps_per_year=4 is --steps-per-year 4, a list
    repeats the option (set=[...], metric=[...]), True is a flag, None and False are left
    out."""
    args: list[str] = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            args.append(flag)
        elif isinstance(value, (list, tuple)):
            for v in value:
                args += [flag, str(v)]
        else:
            args += [flag, str(value)]
    return args


def _warn(notes: str) -> None:
    for line in notes.splitlines():
        if line.strip():
            warnings.warn(line, SpendcastWarning, stacklevel=3)


def run(scenario: Scenario, *, paths: Optional[Union[int, str]] = None,
        seed: Optional[Union[int, str]] = None, threads: Optional[int] = None,
        set: Optional[Union[str, Iterable[str]]] = None,
        steps_per_year: Optional[int] = None, exact: bool = False,
        target_se: Optional[float] = None, max_paths: Optional[int] = None) -> Result:
    """Runs a scenario as `spendcast run` does: a scenario file's path, or a dict with the
    same keys as a file (validated the same way; its diagnostics name "<dict>" and the key,
without a line; extends is read from the current folder). The
    options are run's: paths (1e6 and "1_000_000" are fine), seed, threads, set ("KEY=VALUE"
    or a list of them), steps_per_year, exact, target_se, max_paths. The paths run with the
    GIL released; Ctrl-C raises KeyboardInterrupt and keeps nothing. An invalid scenario
    raises ScenarioError (its .diagnostics give file, line, column, key, message)."""
    request = _engine.RunRequest()
    if isinstance(scenario, Mapping):
        request.origin = DICT_ORIGIN
        request.text = scenario_toml(scenario)
    else:
        request.origin = os.fspath(scenario)
    if isinstance(set, str):
        set = [set]
    request.options = option_args(paths=paths, seed=seed, threads=threads,
                                  steps_per_year=steps_per_year,
                                  set=list(set) if set is not None else None)
    request.exact = exact
    request.target_relative_se = target_se
    request.max_paths = max_paths
    try:
        data, notes = _engine.run(request)
    except ScenarioError as error:
        if request.text is None:
            raise
        raise error.without_positions(DICT_ORIGIN) from None
    if request.text is not None:
        notes = re.sub(rf"(?m)^{re.escape(DICT_ORIGIN)}:\d+:\d+: ", f"{DICT_ORIGIN}: ", notes)
    _warn(notes)
    return Result(data)


def load(path: Union[str, "os.PathLike[str]"], *,
         max_input_size: int = _engine.default_max_result_bytes) -> Result:
    """Reads a result file (spendcast run --json) with the engine's checked reader: a
    file that is not one, corrupt or truncated raises ResultFileError naming the field."""
    return Result(_engine.load(os.fspath(path), max_input_size))


@contextlib.contextmanager
def _input_paths(inputs: Iterable[Input]) -> Iterator[list[str]]:
    """The inputs as paths: a Result is written to a temporary folder, removed after."""
    folder: Optional[str] = None
    paths: list[str] = []
    try:
        for item in inputs:
            if isinstance(item, Result):
                if folder is None:
                    folder = tempfile.mkdtemp(prefix="spendcast-")
                path = os.path.join(folder, f"{len(paths)}-{item.scenario}.json")
                item.to_json(path)
                paths.append(path)
            else:
                paths.append(os.fspath(item))
        yield paths
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _run_command(name: str, args: list[str]) -> bytes:
    """`spendcast NAME ARGS...` here: its standard output; its notes as warnings."""
    code, out, err = _engine.command(name, args)
    if code != 0:
        raise CommandError(f"spendcast {name} exited {code}: {err.strip()}")
    _warn(err)
    return bytes(out)


def _command(name: str, inputs: Iterable[Input], **options: Any) -> pd.DataFrame:
    """Runs `spendcast NAME INPUTS... OPTIONS --csv - -q` here and reads its tidy CSV;
    Result inputs are written to a temporary folder first."""
    with _input_paths(inputs) as paths:
        out = _run_command(name, [*paths, *option_args(**options), "--csv", "-", "-q"])
    return read_tidy_csv(out)


def compare(*inputs: Input, metric: Optional[Union[str, Iterable[str]]] = None,
            year: Optional[Union[int, Iterable[int]]] = None,
            paths: Optional[Union[int, str]] = None, seed: Optional[Union[int, str]] = None,
            threads: Optional[int] = None, set: Optional[Union[str, Iterable[str]]] = None,
            steps_per_year: Optional[int] = None, condition: Optional[str] = None,
            max_input_size: Optional[Union[int, str]] = None) -> pd.DataFrame:
    """`spendcast compare` of scenario files, result files or Results (docs/ANALYSIS.md):
    its tidy CSV as a DataFrame. metric and year may be lists (the CLI's repeated
    options)."""
    return _command("compare", inputs, metric=_listed(metric), year=_listed(year), paths=paths,
                    seed=seed, threads=threads, set=_listed(set), steps_per_year=steps_per_year,
                    condition=condition, max_input_size=max_input_size)


def sensitivity(scenario: Union[str, "os.PathLike[str]"], *, metric: str,
                year: Optional[int] = None, paths: Optional[Union[int, str]] = None,
                seed: Optional[Union[int, str]] = None, threads: Optional[int] = None,
                set: Optional[Union[str, Iterable[str]]] = None,
                steps_per_year: Optional[int] = None) -> pd.DataFrame:
    """`spendcast sensitivity`: which uncertain inputs drive a metric in a year (docs/
    ANALYSIS.md), its tidy CSV as a DataFrame."""
    return _command("sensitivity", [scenario], metric=metric, year=year, paths=paths, seed=seed,
                    threads=threads, set=_listed(set), steps_per_year=steps_per_year)


def score(result: Input, observations: Union[str, "os.PathLike[str]"], *,
          max_input_size: Optional[Union[int, str]] = None) -> pd.DataFrame:
    """`spendcast score` of a forecast against observed values (docs/ANALYSIS.md), its tidy
    CSV as a DataFrame."""
    return _command("score", [result, observations], max_input_size=max_input_size)


Vary = Union[str, Iterable[str], Mapping[str, Any]]


def vary_args(vary: Vary) -> list[str]:
    """sweep's vary in the CLI's words, one "KEY=V1,V2,..." per --vary: a dict's list of
    values is written as TOML (0.1 as 0.1, "x" as "x" quoted), a dict's string value is the
    CLI's own text ("0.1,0.2"); strings are --vary's text as they are."""
    if isinstance(vary, str):
        return [vary]
    if not isinstance(vary, Mapping):
        return list(vary)
    args: list[str] = []
    for key, values in vary.items():
        if isinstance(values, str):
            text = values
        elif isinstance(values, (list, tuple)):
            text = ",".join(toml_value(v, f"vary[{key!r}][{i}]") for i, v in enumerate(values))
        else:
            text = toml_value(values, f"vary[{key!r}]")
        args.append(f"{key}={text}")
    return args


def sweep(scenario: Union[str, "os.PathLike[str]"], vary: Vary, *, zip: bool = False,
          metric: Optional[Union[str, Iterable[str]]] = None,
          year: Optional[Union[int, Iterable[int]]] = None,
          paths: Optional[Union[int, str]] = None, seed: Optional[Union[int, str]] = None,
          threads: Optional[int] = None, set: Optional[Union[str, Iterable[str]]] = None,
          steps_per_year: Optional[int] = None, yes: bool = False) -> pd.DataFrame:
    """`spendcast sweep` (docs/ANALYSIS.md): the scenario run once per combination of the
    varied values (zip=True: the k-th values together) on the same paths and seed; its tidy
    CSV as a DataFrame, one column per varied key. vary is {KEY: [V1, V2, ...]} or a list
    of "KEY=V1,V2,..." (vary_args); a malformed one raises ScenarioError naming it."""
    return _command("sweep", [scenario], vary=vary_args(vary), zip=zip, metric=_listed(metric),
                    year=_listed(year), paths=paths, seed=seed, threads=threads,
                    set=_listed(set), steps_per_year=steps_per_year, yes=yes)


def backtest(scenario: Union[str, "os.PathLike[str]"],
             data: Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]], *,
             paths: Optional[Union[int, str]] = None, seed: Optional[Union[int, str]] = None,
             threads: Optional[int] = None, set: Optional[Union[str, Iterable[str]]] = None,
             steps_per_year: Optional[int] = None) -> pd.DataFrame:
    """`spendcast backtest` (docs/ANALYSIS.md): the scenario's share dynamics run from
    every origin year of reference markets (data: a file or folder, or a list of them) and
    scored against the later observed shares (and spend, where the data have it: metric
    "spend", after the shares' rows); its tidy CSV as a DataFrame."""
    listed = [data] if isinstance(data, (str, os.PathLike)) else list(data)
    return _command("backtest", [scenario], data=[os.fspath(d) for d in listed], paths=paths,
                    seed=seed, threads=threads, set=_listed(set), steps_per_year=steps_per_year)


def merge(parts: Iterable[Input], *,
          max_input_size: Optional[Union[int, str]] = None) -> Result:
    """`spendcast merge` of the result files (or Results) of the shards of one run
    (`run --shard K/N`): the Result of the whole run, bitwise the CLI's merged JSON."""
    parts = list(parts)
    origin = "merge of " + ", ".join(
        p._data.origin if isinstance(p, Result) else os.fspath(p) for p in parts)
    with _input_paths(parts) as paths:
        text = _run_command("merge", [*paths, *option_args(max_input_size=max_input_size),
                                      "--json", "-", "-q"])
    return Result(_engine.result_from_json(text, origin))


def _listed(value: Any) -> Optional[list[Any]]:
    if value is None:
        return None
    if isinstance(value, (str, int)):
        return [value]
    return list(value)
