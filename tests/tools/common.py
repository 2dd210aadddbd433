"""Shared set-up of the chart tool tests: the tools' paths, small result files, readers of
PNG and SVG output.

Result files come from SPENDCAST_CHARTS_RESULTS (a folder holding baseline.json,
stress.json and entrant.json, written by tests/scripts/charts.sh), or are made here with
the program named by SPENDCAST_BINARY; without either, the tests that need them skip.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOLS = os.path.join(ROOT, "tools")
PACKAGES = os.path.join(ROOT, "python")  # the package spendcast (spendcast.charts)
PLOT = os.path.join(TOOLS, "spendcast-plot")
REPORT = os.path.join(TOOLS, "spendcast-report")
SENSITIVITY_EXAMPLE = os.path.join(HERE, "data", "sensitivity-example.json")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

sys.path.insert(0, PACKAGES)
warnings.simplefilter("error")  # tests/scripts/charts.sh also runs them with -W error

# name -> spendcast run arguments: small runs; stress has entrants, nine vendors, monthly
# steps to 2034 and is kept with --exact (every value) so both state kinds are read
RUNS = {
    "baseline": ["scenarios/baseline.toml", "--paths", "2000"],
    "stress": ["scenarios/stress.toml", "--paths", "1000", "--exact"],
    # the baseline with a vendor that enters by an event: its share is exactly 0 on most
    # paths (a point mass) in 2027
    "entrant": ["tests/tools/data/entrant.toml", "--paths", "2000"],
}

_results_dir = None


def results_dir():
    """The folder of result files, made once per process when needed."""
    global _results_dir
    if _results_dir:
        return _results_dir
    given = os.environ.get("SPENDCAST_CHARTS_RESULTS")
    if given:
        _results_dir = given
        return given
    binary = os.environ.get("SPENDCAST_BINARY")
    if not binary or not os.access(binary, os.X_OK):
        raise unittest.SkipTest("no result files: set SPENDCAST_CHARTS_RESULTS or "
                                "SPENDCAST_BINARY (tests/scripts/charts.sh does)")
    folder = tempfile.mkdtemp(prefix="spendcast-charts-results-")
    for name, args in RUNS.items():
        subprocess.run([binary, "run", *args, "-q", "--json", os.path.join(folder, name + ".json")],
                       cwd=ROOT, check=True)
    _results_dir = folder
    return folder


def result_path(name):
    return os.path.join(results_dir(), name + ".json")


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def run_tool(tool, *args, check=True, fork=False, timeout=300):
    """Runs a tool, as a program (fork) or, faster, by calling its main() here; returns a
    CompletedProcess (text)."""
    if not fork:
        return _run_main(tool, list(args), check)
    # any Python warning is an error in the tool (defect 9: warnings leaked)
    env = dict(os.environ, PYTHONWARNINGS="error")
    p = subprocess.run([PYTHON, "-W", "error", tool, *args], capture_output=True, text=True,
                       timeout=timeout, env=env)
    if check and p.returncode != 0:
        raise AssertionError(f"{os.path.basename(tool)} {' '.join(args)} exited "
                             f"{p.returncode}:\n{p.stdout}\n{p.stderr}")
    return p


def _run_main(tool, args, check):
    import contextlib
    import io
    if os.path.basename(tool) == "spendcast-plot":
        from spendcast.charts.plot_cli import main
    else:
        from spendcast.charts.report import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test, whatever the runner says
        try:
            code = main(args, prog=os.path.basename(tool))
        except SystemExit as e:  # argparse
            code = e.code if isinstance(e.code, int) else 1
    p = subprocess.CompletedProcess([tool, *args], code, out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"{os.path.basename(tool)} {' '.join(args)} exited {code}:\n"
                             f"{p.stdout}\n{p.stderr}")
    return p


def temp_dir(add_cleanup):
    """A temporary folder removed by add_cleanup (a TestCase's addCleanup or
    addClassCleanup)."""
    d = tempfile.mkdtemp(prefix="spendcast-charts-")
    add_cleanup(shutil.rmtree, d, True)
    return d


# -- images ----------------------------------------------------------------------------
def png_stats(path):
    """(distinct colours, fraction of pixels that are not the corner's background colour)
    of a PNG."""
    import numpy as np
    from matplotlib import image
    a = image.imread(path)
    if a.dtype != np.uint8:
        a = np.round(a * 255).astype(np.uint8)
    rgb = a[..., :3].reshape(-1, 3)
    packed = (rgb[:, 0].astype(np.uint32) << 16) | (rgb[:, 1].astype(np.uint32) << 8) | rgb[:, 2]
    distinct = int(np.unique(packed).size)
    background = packed[0]
    return distinct, float(np.mean(packed != background))


SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def svg_root(path):
    return ET.parse(path).getroot()


def svg_find_id(root, gid):
    for el in root.iter():
        if el.get("id") == gid:
            return el
    return None


def svg_path_points(group):
    """The vertices of the first <path> inside a group (M/L commands, absolute)."""
    path = next(el for el in group.iter() if el.tag == SVG_NS + "path")
    nums = re.findall(r"[ML]\s*(-?[\d.]+)\s+(-?[\d.]+)", path.get("d"))
    return [(float(x), float(y)) for x, y in nums]


def svg_marker_points(group):
    """Positions of the markers (<use x= y=>) inside a group."""
    return [(float(u.get("x")), float(u.get("y"))) for u in group.iter()
            if u.tag == SVG_NS + "use"]


def svg_texts(root):
    return ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]


# -- HTML ------------------------------------------------------------------------------
def table_header(page, caption):
    """The texts of the header cells (thead) of the table whose caption starts with
    `caption` in an HTML page (as written, or as Chromium's --dump-dom serialises it)."""
    import html as html_lib
    for m in re.finditer(r"<table\b.*?</table>", page, flags=re.S):
        cap = re.search(r"<caption>(.*?)</caption>", m.group(0), flags=re.S)
        if cap and html_lib.unescape(re.sub(r"<[^>]+>", "", cap.group(1))).startswith(caption):
            head = re.search(r"<thead>(.*?)</thead>", m.group(0), flags=re.S).group(1)
            return [html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                    for c in re.findall(r"<th\b[^>]*>(.*?)</th>", head, flags=re.S)]
    raise AssertionError(f"no table with the caption {caption!r}")


def to_data(mapping, x, y):
    """SVG user units (points, y downwards) to data coordinates, through the axis mapping
    the tool writes in its sidecar."""
    import math
    x0, y0, x1, y1 = mapping["svg_box"]

    def one(v, a, b, lim, scale, flip):
        f = (v - a) / (b - a)
        if flip:
            f = 1.0 - f
        lo, hi = lim
        if scale == "log":
            return 10 ** (math.log10(lo) + f * (math.log10(hi) - math.log10(lo)))
        return lo + f * (hi - lo)

    return (one(x, x0, x1, mapping["xlim"], mapping["xscale"], False),
            one(y, y0, y1, mapping["ylim"], mapping["yscale"], True))
