"""tools/doc-images: the images README.md and docs/ show come from the build. Each image is
drawn by this package from a run of the program; its PNG holds, as text metadata, the
figures it draws (years, quantiles, observed points, year labels), so that --check can
rerun the program and compare numbers instead of pixels (matplotlib's pixels vary by
version). docs/CHARTS.md, "Images in the documentation"."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from .fields import FAN_LEVELS, InputError, level_key
from .inputs import read_json
from .output import Chart, atomic_write
from .result import Result
from .scenario_charts import fan_chart

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
FIGURES_KEY = "spendcast-figures"  # the PNG text chunk holding the drawn figures (JSON)


@dataclass(frozen=True)
class DocImage:
    """One image of the documentation: where it lives, the run it shows, how it is drawn."""
    path: str                    # relative to the repository
    run: tuple[str, ...]         # spendcast's arguments, before --json FILE
    draw: Callable[[Result], Chart]
    metric: str


IMAGES = (
    DocImage("docs/images/baseline-fan.png", ("run", "scenarios/baseline.toml", "-q"),
             lambda r: fan_chart(r, "spend"), "spend"),
)


def figures(image: DocImage, chart: Chart) -> dict[str, Any]:
    """The numbers a fan image draws: its years, each quantile level's series (keyed as
    the result file keys quantiles), the observed points and the year axis' labels."""
    data = chart.data
    ax = chart.axes
    lo, hi = ax.get_xlim()
    labels = [t.get_text() for t in ax.get_xticklabels() if lo <= t.get_position()[0] <= hi]
    series = data["series"]
    return {
        "command": "spendcast " + " ".join(image.run) + " --json FILE",
        "metric": image.metric,
        "years": [int(y) for y in data["years"]],
        "quantiles": {level_key(lv): series[f"q{lv:g}"] for lv in FAN_LEVELS},
        "observed": [[int(x), float(y)] for x, y in data["observed"]],
        "year_labels": labels,
    }


def draw(image: DocImage, binary: str) -> tuple[Chart, dict[str, Any]]:
    """Runs the image's command (in the repository, the result in a temporary folder) and
    draws the image: the chart and its figures."""
    with tempfile.TemporaryDirectory(prefix="spendcast-doc-images-") as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [binary, *image.run, "--json", out]
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if p.returncode != 0:
            raise InputError(f"{' '.join(cmd)} failed (exit {p.returncode}): "
                             f"{p.stderr.strip()}")
        r = Result(read_json(out), os.path.basename(image.path))
    chart = image.draw(r)
    return chart, figures(image, chart)


def read_figures(path: str) -> Optional[dict[str, Any]]:
    """The figures in a PNG's text metadata; None when it has none."""
    from PIL import Image  # matplotlib's own dependency (Pillow)
    with Image.open(path) as im:
        text = getattr(im, "text", {}) or {}
    raw = text.get(FIGURES_KEY)
    return json.loads(raw) if raw is not None else None


def differences(want: dict[str, Any], got: Optional[dict[str, Any]]) -> list[str]:
    """What an image's figures lack or hold otherwise than a fresh run's (empty: equal)."""
    if got is None:
        return [f"no {FIGURES_KEY!r} metadata"]
    out = []
    for key, value in want.items():
        had = got.get(key)
        if had == value:
            continue
        if key == "quantiles" and isinstance(had, dict) and had.keys() == value.keys():
            # name the first cells that differ: "quantiles 0.5 2030: image 149.1, run 148.9"
            cells = [(lv, y, a, b) for lv in value
                     for y, a, b in zip(want["years"], had[lv], value[lv]) if a != b]
            out += [f"quantiles {lv} {y}: the image has {a!r}, the run {b!r}"
                    for lv, y, a, b in cells[:3]]
            if len(cells) > 3:
                out.append(f"quantiles: {len(cells) - 3} more cells differ")
            if cells or len(had[next(iter(value))]) == len(value[next(iter(value))]):
                continue
        out.append(f"{key}: the image has {json.dumps(had)}, the run {json.dumps(value)}")
    return out


def update(image: DocImage, binary: str, folder: str) -> str:
    chart, figs = draw(image, binary)
    path = os.path.join(folder, os.path.basename(image.path))
    atomic_write(path, chart.png(text={FIGURES_KEY: json.dumps(figs)}))
    return path


def check(image: DocImage, binary: str, folder: str) -> list[str]:
    path = os.path.join(folder, os.path.basename(image.path))
    if not os.path.isfile(path):
        return [f"{path}: missing"]
    got = read_figures(path)  # before the run: an image without figures fails at once
    if got is None:
        return [f"{path}: {d}" for d in differences({}, None)]
    _, figs = draw(image, binary)
    return [f"{path}: {d}" for d in differences(figs, got)]


def main(argv: Optional[Sequence[str]] = None, prog: str = "doc-images") -> int:
    ap = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--update", action="store_true", help="run and redraw every image")
    mode.add_argument("--check", action="store_true",
                      help="rerun and compare each image's figures with the run's (exit 1 "
                           "when one differs)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "release", "spendcast"),
                    help="the spendcast to run (default: build/release/spendcast)")
    ap.add_argument("--out", metavar="DIR",
                    help="read and write the images in DIR instead of their documentation "
                         "folders")
    args = ap.parse_args(argv)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"{prog}: {args.binary}: no such program (build it: cmake --build --preset "
              "release)", file=sys.stderr)
        return 2
    if args.out is not None and not os.path.isdir(args.out):
        print(f"{prog}: --out {args.out}: not a folder", file=sys.stderr)
        return 2
    status = 0
    try:
        for image in IMAGES:
            folder = args.out or os.path.join(ROOT, os.path.dirname(image.path))
            if args.update:
                print(update(image, binary, folder))
                continue
            problems = check(image, binary, folder)
            for p in problems:
                print(f"{prog}: {p}", file=sys.stderr)
            if problems:
                print(f"{prog}: stale; regenerate with: tools/doc-images --update",
                      file=sys.stderr)
                status = 1
    except InputError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    return status
