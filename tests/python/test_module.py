"""import spendcast (docs/PYTHON.md) against the CLI it wraps: the same JSON and CSV for the
same run, dict and file scenarios alike, errors with their positions, Ctrl-C, the checked
reader, compare / sensitivity / score / sweep / backtest as the CLI's tidy CSV, and merge as
the CLI's merged JSON."""

from __future__ import annotations

import json
import math
import os
import re
import signal
import threading
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import spendcast
from spendcast.commands import vary_args
from spendcast.result import read_tidy_csv

from conftest import ROOT, cli

BASELINE = "scenarios/baseline.toml"
# the run fields that differ from one run to the next (wall-clock time and speed), and the
# engine version, which names the git revision each target was last linked at
VOLATILE = re.compile(r'("(?:elapsed_s|path_steps_per_s)": )[-+.\deE]+|'
                      r'("engine_version": )"[^"]*"')


def masked(text: str) -> str:
    return VOLATILE.sub(lambda m: (m.group(1) or m.group(2)) + "<V>", text)


@pytest.fixture(scope="module")
def cli_run(binary: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The baseline at 2000 paths, seed 7, two threads, one --set, written by the CLI."""
    d = tmp_path_factory.mktemp("cli")
    files = {"json": d / "b.json", "csv": d / "b.csv"}
    cli(binary, "run", BASELINE, "--paths", "2000", "--seed", "7", "--threads", "2", "--set",
        "spend.volatility=0.3", "-q", "--json", str(files["json"]), "--csv", str(files["csv"]))
    return files


@pytest.fixture(scope="module")
def module_run() -> spendcast.Result:
    return spendcast.run(BASELINE, paths=2000, seed=7, threads=2, set="spend.volatility=0.3")


def test_cli_and_module_write_the_same_json_and_csv(cli_run: dict[str, Path],
                                                    module_run: spendcast.Result,
                                                    tmp_path: Path) -> None:
    module_run.to_json(str(tmp_path / "m.json"))
    module_run.to_csv(str(tmp_path / "m.csv"))
    cli_json = cli_run["json"].read_text()
    assert masked((tmp_path / "m.json").read_text()) == masked(cli_json)
    assert VOLATILE.search(cli_json)  # the masking hid only those fields
    assert (tmp_path / "m.csv").read_bytes() == cli_run["csv"].read_bytes()


def test_summary_is_the_table_run_prints(binary: str, module_run: spendcast.Result) -> None:
    shown = cli(binary, "run", BASELINE, "--paths", "2000", "--seed", "7", "--threads", "2",
                "--set", "spend.volatility=0.3").stdout
    timing = re.compile(r"\d+(\.\d+)? s · [\d.e+]+ path-steps/s")
    assert timing.sub("T", module_run.summary()) == timing.sub("T", shown)
    assert "--set spend.volatility=0.3" in module_run.summary()


def test_frame_is_the_csv(cli_run: dict[str, Path], module_run: spendcast.Result) -> None:
    frame = module_run.frame()
    assert list(frame.columns) == ["scenario", "variant", "metric", "year", "statistic", "value"]
    lines = cli_run["csv"].read_text().splitlines()[1:]
    assert len(frame) == len(lines) > 1000
    for row, line in zip(frame.itertuples(index=False), lines):
        scenario, variant, metric, year, statistic, value = line.split(",")
        assert (row.scenario, row.variant, row.metric, row.statistic) == \
            (scenario, variant, metric, statistic)
        assert row.year == int(year)
        assert (math.isnan(row.value) and value == "nan") or row.value == float(value)


def test_quantiles_and_probabilities_are_the_frames(module_run: spendcast.Result) -> None:
    q = module_run.quantiles("spend")
    doc = module_run.document["metrics"]["spend"]
    assert list(q.index) == [int(y) for y in doc]
    for year, stats in doc.items():
        for level, value in stats["quantiles"].items():
            assert q.loc[int(year), float(level)] == value
    p = module_run.probabilities
    assert {"p", "p_se"} <= set(p.columns)
    assert ((p["p"] >= 0) & (p["p"] <= 1)).all()
    with pytest.raises(KeyError, match="no metric 'spend.nothing'"):
        module_run.quantiles("spend.nothing")


def test_run_info_is_the_files(module_run: spendcast.Result) -> None:
    info = module_run.run_info
    assert (info["paths"], info["seed"], info["threads"]) == (2000, 7, 2)


def test_a_dict_scenario_runs_as_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline as a dict (tomllib's reading of the file, extends resolved from the
    current folder) gives the same result as the file, to the byte."""
    with open(BASELINE, "rb") as f:
        scenario = tomllib.load(f)
    from_file = spendcast.run(BASELINE, paths=1500, seed=3, threads=1)
    monkeypatch.chdir(ROOT / "scenarios")
    from_dict = spendcast.run(scenario, paths=1500, seed=3, threads=1)
    # the same but for the origin the JSON names
    origin = '"origin": "<dict>"'
    dict_json = masked(from_dict._data.json.decode())
    assert dict_json.count(origin) == 1
    assert dict_json.replace(origin, f'"origin": "{BASELINE}"') == \
        masked(from_file._data.json.decode())
    assert from_dict._data.csv == from_file._data.csv
    # and a changed dict is a changed forecast
    scenario["spend"]["volatility"] = 0.35
    changed = spendcast.run(scenario, paths=1500, seed=3, threads=1)
    assert changed._data.csv != from_file._data.csv


BAD = """[scenario]
name = "bad"
extends = "{base}"

[simulation]
paths = 100
steps_per_year = 5
"""


def test_errors_carry_positions(binary: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD.format(base=(ROOT / BASELINE).as_posix()))
    with pytest.raises(spendcast.ScenarioError) as caught:
        spendcast.run(str(path))
    d = caught.value.diagnostics
    assert d and d[0].file == str(path)
    assert (d[0].line, d[0].key) == (7, "simulation.steps_per_year")
    assert d[0].column > 0
    # the same diagnostics, word for word, as `spendcast validate`
    shown = cli(binary, "validate", str(path), check=False).stderr.splitlines()
    assert [str(x) for x in d] == [line for line in shown if ": error: " in line]


def test_errors_of_a_dict_and_of_options() -> None:
    with pytest.raises(spendcast.ScenarioError) as caught:
        spendcast.run({"scenario": {"name": "x"}, "simulation": {"paths": "many"}})
    keys = {d.key for d in caught.value.diagnostics}
    assert "simulation.paths" in keys
    assert all(d.file == "<dict>" for d in caught.value.diagnostics)
    # no line and column: those of the TOML written from the dict would mislead
    assert all((d.line, d.column) == (0, 0) for d in caught.value.diagnostics)
    assert str(caught.value).startswith("<dict>: error: ")
    with pytest.raises(spendcast.ScenarioError, match="--set"):
        spendcast.run(BASELINE, paths=100, set="spend.volatility=-1")
    with pytest.raises(ValueError, match="--paths lots: expected a whole number"):
        spendcast.run(BASELINE, paths="lots")
    with pytest.raises(spendcast.ScenarioError, match="cannot read the scenario"):
        spendcast.run("no/such/scenario.toml")


def test_ctrl_c_raises_keyboard_interrupt_promptly_and_keeps_nothing() -> None:
    """SIGINT during a long run (the GIL released: another thread keeps counting) stops it
    within a second or so; the handler is Python's again and the next run is whole."""
    ticks = 0
    running = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not running.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            spendcast.run("scenarios/stress.toml", paths=50_000_000)
    finally:
        running.set()
        counter.join()
        timer.cancel()
    elapsed = time.monotonic() - start
    assert 1.0 <= elapsed < 4.0, elapsed
    assert ticks > 100  # the other thread ran while the paths did
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    again = spendcast.run(BASELINE, paths=500, seed=1, threads=1)
    fresh = spendcast.run(BASELINE, paths=500, seed=1, threads=1)
    assert again._data.csv == fresh._data.csv


def test_ctrl_c_during_a_command_raises_keyboard_interrupt() -> None:
    """compare runs the CLI's command, whose own handler takes the first SIGINT: the
    command stops, KeyboardInterrupt is raised and Python's handler is back."""
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            spendcast.compare(BASELINE, "scenarios/bubble-burst.toml", paths=50_000_000,
                              metric="spend")
    finally:
        timer.cancel()
    assert 1.0 <= time.monotonic() - start < 4.0
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_load_reads_the_file_and_refuses_a_corrupt_one(cli_run: dict[str, Path],
                                                      module_run: spendcast.Result,
                                                      tmp_path: Path) -> None:
    loaded = spendcast.load(cli_run["json"])
    loaded.to_json(str(tmp_path / "copy.json"))
    assert (tmp_path / "copy.json").read_bytes() == cli_run["json"].read_bytes()
    # the CSV of the file's state (its variant is not in the file: empty)
    expected = module_run.frame().assign(variant="")
    pd.testing.assert_frame_equal(loaded.frame(), expected)
    with pytest.raises(ValueError, match="a loaded result has no table"):
        loaded.summary()

    doc = json.loads(cli_run["json"].read_text())
    doc["state"]["counts"]["events"][0] += 1  # one count changed: the checksum no longer fits
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text(json.dumps(doc))
    with pytest.raises(spendcast.ResultFileError, match="not a spendcast result file"):
        spendcast.load(corrupt)
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(cli_run["json"].read_bytes()[:5000])
    with pytest.raises(spendcast.ResultFileError, match="not JSON"):
        spendcast.load(truncated)
    with pytest.raises(spendcast.ResultFileError, match="more than 1000 bytes"):
        spendcast.load(cli_run["json"], max_input_size=1000)


def test_compare_is_the_clis(binary: str, tmp_path: Path, module_run: spendcast.Result) -> None:
    args = [BASELINE, "scenarios/bubble-burst.toml", "--paths", "1000", "--metric", "spend",
            "--year", "2030"]
    cli(binary, "compare", *args, "-q", "--csv", str(tmp_path / "c.csv"))
    frame = spendcast.compare(BASELINE, "scenarios/bubble-burst.toml", paths=1000,
                              metric="spend", year=2030)
    pd.testing.assert_frame_equal(frame, read_tidy_csv((tmp_path / "c.csv").read_bytes()))
    assert len(frame) > 0 and set(frame["metric"]) == {"spend"}
    # Results are inputs too (written to a temporary file, as a result file)
    of_results = spendcast.compare(module_run, module_run, metric="spend")
    assert len(of_results) > 0


def test_sensitivity_and_score_are_the_clis(binary: str, tmp_path: Path,
                                            cli_run: dict[str, Path]) -> None:
    cli(binary, "sensitivity", BASELINE, "--metric", "spend", "--paths", "1000", "-q",
        "--csv", str(tmp_path / "s.csv"))
    frame = spendcast.sensitivity(BASELINE, metric="spend", paths=1000)
    pd.testing.assert_frame_equal(frame, read_tidy_csv((tmp_path / "s.csv").read_bytes()))
    obs = "tests/doc_samples/observations.toml"
    cli(binary, "score", str(cli_run["json"]), obs, "-q", "--csv", str(tmp_path / "o.csv"))
    scores = spendcast.score(cli_run["json"], obs)
    pd.testing.assert_frame_equal(scores, read_tidy_csv((tmp_path / "o.csv").read_bytes()))
    with pytest.raises(ValueError, match="--metric"):
        spendcast.sensitivity(BASELINE, metric="")


def test_charts_of_a_result(module_run: spendcast.Result) -> None:
    fan = module_run.plot_fan()
    shares = module_run.plot_shares()
    assert fan.axes and shares.axes
    median = [line for line in fan.axes[0].get_lines() if line.get_gid() == "median"][0]
    plotted = dict(zip(median.get_xdata(), median.get_ydata()))
    q = module_run.quantiles("spend")
    for year, value in q[0.5].items():  # the fan starts at the observed base year before
        assert plotted[year] == pytest.approx(value, rel=1e-12)


def test_sweep_is_the_clis(binary: str, tmp_path: Path) -> None:
    cli(binary, "sweep", BASELINE, "--vary", "spend.volatility=0.1,0.3", "--paths", "1000",
        "--seed", "3", "--metric", "spend", "-q", "--csv", str(tmp_path / "w.csv"))
    expected = read_tidy_csv((tmp_path / "w.csv").read_bytes())
    frame = spendcast.sweep(BASELINE, {"spend.volatility": [0.1, 0.3]}, paths=1000, seed=3,
                            metric="spend")
    pd.testing.assert_frame_equal(frame, expected)
    assert sorted(set(frame["spend.volatility"])) == [0.1, 0.3]  # one column per varied key
    as_text = spendcast.sweep(BASELINE, ["spend.volatility=0.1,0.3"], paths=1000, seed=3,
                              metric="spend")
    pd.testing.assert_frame_equal(as_text, expected)
    # a dict's values are written as TOML: a string is quoted, a list stays one value
    assert vary_args({"a": ["x", [1, 2]], "b": "0.1,0.2", "c": 3}) == \
        ['a="x",[1, 2]', "b=0.1,0.2", "c=3"]


def test_a_bad_vary_raises_naming_it() -> None:
    with pytest.raises(spendcast.ScenarioError, match=r"expected KEY=V1,V2"):
        spendcast.sweep(BASELINE, ["spend.volatility"], paths=100)
    with pytest.raises(spendcast.ScenarioError, match=r"simulation\.seed: cannot be varied"):
        spendcast.sweep(BASELINE, {"simulation.seed": [1, 2]}, paths=100)
    with pytest.raises(spendcast.ScenarioError, match=r"spend\.volatility: no values"):
        spendcast.sweep(BASELINE, {"spend.volatility": []}, paths=100)
    many = {"spend.volatility": [0.1] * 101, "spend.growth": [0.2] * 100}
    with pytest.raises(ValueError, match="10100 variants.*add --yes"):
        spendcast.sweep(BASELINE, many, zip=False, paths=100)


def test_merge_of_shards_is_the_whole_run(binary: str, tmp_path: Path) -> None:
    common = [BASELINE, "--paths", "2000", "--seed", "7", "--threads", "2", "-q"]
    for k in (1, 2):
        cli(binary, "run", *common, "--shard", f"{k}/2", "--json", str(tmp_path / f"{k}.json"))
    cli(binary, "run", *common, "--json", str(tmp_path / "all.json"))
    cli(binary, "merge", str(tmp_path / "1.json"), str(tmp_path / "2.json"), "-q", "--json",
        str(tmp_path / "cli.json"))
    merged = spendcast.merge([tmp_path / "2.json", str(tmp_path / "1.json")])
    merged.to_json(str(tmp_path / "m.json"))
    assert (tmp_path / "m.json").read_bytes() == (tmp_path / "cli.json").read_bytes()
    whole_json = (tmp_path / "all.json").read_text()
    assert masked((tmp_path / "m.json").read_text()) == masked(whole_json)
    whole = spendcast.load(tmp_path / "all.json")
    pd.testing.assert_frame_equal(merged.frame(), whole.frame())
    assert merged.run_info["paths"] == 2000
    with pytest.raises(ValueError, match="spendcast merge: "):
        spendcast.merge([tmp_path / "1.json", tmp_path / "1.json"])


def test_backtest_is_the_clis(binary: str, tmp_path: Path) -> None:
    data = "scenarios/data/reference/cloud-iaas.toml"
    cli(binary, "backtest", BASELINE, "--data", data, "--paths", "500", "--seed", "5", "-q",
        "--csv", str(tmp_path / "b.csv"))
    frame = spendcast.backtest(BASELINE, data, paths=500, seed=5)
    pd.testing.assert_frame_equal(frame, read_tidy_csv((tmp_path / "b.csv").read_bytes()))
    assert len(frame) > 10
    with pytest.raises(ValueError, match="no .toml file"):
        spendcast.backtest(BASELINE, [tmp_path], paths=500)
