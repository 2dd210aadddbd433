"""A `spendcast bench --json` result (docs/PERFORMANCE.md) and its scaling chart:
throughput against threads, with the ideal line of perfect scaling."""

from __future__ import annotations

from typing import Any

from . import style
from .fields import BENCH_FORMAT, InputError, field, number
from .output import Chart


class BenchRun:
    """The measurements of one `spendcast bench` run, checked."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.path = path
        self.machine = field(doc, path, ["machine"], dict)
        self.repeat = int(field(doc, path, ["repeat"], int))
        self.scenarios: list[dict[str, Any]] = []
        for s in field(doc, path, ["scenarios"], list):
            runs = []
            for r in field(s, path, ["runs"], list):
                rate = field(r, path, ["path_steps_per_s"], dict)
                median, lo, hi = (number(rate.get(k)) for k in ("median", "min", "max"))
                if median is None or median <= 0:
                    raise InputError(f"{path}: {s.get('name')}: a run without a positive "
                                     "median path_steps_per_s")
                runs.append({"threads": int(field(r, path, ["threads"], int)), "median": median,
                             "min": lo if lo is not None else median,
                             "max": hi if hi is not None else median})
            if runs:
                self.scenarios.append({"name": str(field(s, path, ["name"], str)),
                                       "runs": sorted(runs, key=lambda r: r["threads"])})
        if not self.scenarios:
            raise InputError(f"{path}: no scenario with runs")
        self.name = "bench"
        self.label = self.name

    def source_line(self) -> str:
        """'Machine: …' with the build and the engine version, and how it was timed."""
        m = self.machine
        return (f"Machine: {m.get('cpu', 'not recorded')}, {m.get('logical_cores', '?')} logical "
                f"cores. Build: -march={m.get('arch', '?')} ({m.get('instruction_set', '?')}). "
                f"spendcast {m.get('engine_version', '(engine version: not recorded)')}; "
                f"median of {self.repeat} repetitions after a warm-up, bars from min to max.")


def scaling_chart(b: BenchRun) -> Chart:
    """Path-steps per second against threads per scenario (median, min–max bars), each
    with its ideal line: the fewest threads' median scaled in proportion to the threads."""
    ch = Chart(f"{b.label}.scaling", 8.0, 5.2)
    ax = ch.axes
    ch.name_axes("main", ax)
    plotted = []
    all_threads: set[int] = set()
    for k, s in enumerate(b.scenarios):
        colour = style.FALLBACK[k % len(style.FALLBACK)]
        t = [r["threads"] for r in s["runs"]]
        med = [r["median"] / 1e6 for r in s["runs"]]
        lo = [(r["median"] - r["min"]) / 1e6 for r in s["runs"]]
        hi = [(r["max"] - r["median"]) / 1e6 for r in s["runs"]]
        all_threads.update(t)
        ax.errorbar(t, med, yerr=[lo, hi], marker="o", color=colour, capsize=3, lw=1.8,
                    label=s["name"], gid=f"measured-{s['name']}")
        ideal = [med[0] * x / t[0] for x in t]
        ax.plot(t, ideal, ls="--", color=colour, lw=1.0, alpha=0.8,
                label=f"{s['name']}: ideal (linear from {t[0]} thread{'s' if t[0] > 1 else ''})",
                gid=f"ideal-{s['name']}")
        plotted.append({"scenario": s["name"], "threads": t, "median_per_s": [r["median"] for
                                                                             r in s["runs"]],
                        "ideal_per_s": [v * 1e6 for v in ideal]})
    ticks = sorted(all_threads)
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(x) for x in ticks])
    ax.set_xlabel("threads")
    ax.set_ylabel("million path-steps per second")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=8)
    ch.data.update({"kind": "scaling", "file": b.path, "series": plotted})
    ch.finish("Throughput against threads",
              "spendcast bench: path-steps per second per scenario, and perfect scaling",
              b.source_line())
    return ch
