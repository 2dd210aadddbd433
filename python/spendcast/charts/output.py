"""A chart (figure + the numbers it plots) and writing it: PNG, SVG and a JSON sidecar,
each atomically (a temporary file in the same folder, then a rename)."""

from __future__ import annotations

import io
import json
import os
import tempfile
from typing import Any, Optional, Sequence, TYPE_CHECKING, Union

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import style
from .fields import InputError
from .names import safe_file_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PNG_DPI = 150


def atomic_write(path: str, data: Union[str, bytes]) -> None:
    """Writes bytes or text to path through a temporary file and a rename."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.basename(path), dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def check_writable(folder: str, shown: Optional[str] = None) -> None:
    """InputError unless a file can be made in `folder` (tried: a temporary file made and
    removed), so that a run fails before it writes anything."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-probe-", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as e:
        raise InputError(f"{shown or folder}: cannot write there: {e.strerror}") from None


class Chart:
    """A figure with its title block and source line, and `data`: the plotted numbers,
    written beside the images as NAME.json."""

    def __init__(self, name: str, width: float, height: float, **subplots: Any) -> None:
        self.name = safe_file_name(name)  # built from data: scenario and metric names
        self.fig = Figure(figsize=(width, height))
        FigureCanvasAgg(self.fig)
        self.axes = self.fig.subplots(**subplots)
        self.data = {"chart": name}
        self.gids = {}  # gid -> axes key, for reading lines back from the SVG
        self._axes_keys = {}
        self._frozen = None

    def name_axes(self, key: str, ax: Axes) -> None:
        """Names an axes for the sidecar's axis mapping."""
        self._axes_keys[key] = ax

    def finish(self, title: str, subtitle: str, source: str) -> None:
        """Adds the title block and the source line, lays the figure out and freezes it."""
        fig = self.fig
        w, h = fig.get_size_inches()
        title_lines = style.wrap(title, w - 0.3, 13.5)
        sub_lines = style.wrap(subtitle, w - 0.3, 10) if subtitle else []
        src_lines = style.wrap(source, w - 0.3, 7.5)
        top = 0.16 + 0.25 * len(title_lines) + 0.19 * len(sub_lines) + 0.05
        bottom = 0.1 + 0.135 * len(src_lines)
        y = h - 0.16
        fig.text(0.15 / w, y / h, "\n".join(title_lines), ha="left", va="top", fontsize=13.5,
                 fontweight="bold", color="#111111", gid="chart-title")
        y -= 0.25 * len(title_lines)
        if sub_lines:
            fig.text(0.15 / w, y / h, "\n".join(sub_lines), ha="left", va="top", fontsize=10,
                     color="#333333", gid="chart-subtitle")
        fig.text(0.15 / w, 0.08 / h, "\n".join(src_lines), ha="left", va="bottom", fontsize=7.5,
                 color=style.SOURCE_GREY, gid="chart-source", linespacing=1.25)
        # rect is (left, bottom, width, height) in figure fractions
        fig.set_layout_engine("constrained", rect=(0.0, bottom / h, 1.0, 1.0 - (top + bottom) / h),
                              w_pad=0.06, h_pad=0.06)
        fig.draw_without_rendering()  # the layout only: each save draws again
        fig.set_layout_engine("none")
        self.data["title"] = title
        self.data["subtitle"] = subtitle
        self.data["source"] = source
        self.data["axes"] = {k: axis_mapping(fig, ax) for k, ax in self._axes_keys.items()}
        self.data["gids"] = self.gids

    def svg(self, salt: Optional[str] = None) -> str:
        import matplotlib
        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": salt or self.name}):
            self.fig.savefig(buf, format="svg", metadata={"Date": None})
        # text stays text: name fonts of the same width for machines without DejaVu
        return buf.getvalue().decode("utf-8").replace(
            "'DejaVu Sans'", "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif")

    def png(self, dpi: int = PNG_DPI, text: Optional[dict[str, str]] = None) -> bytes:
        """The PNG; `text`: text chunks to add (key: value), e.g. the figures drawn."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None, **(text or {})})
        return buf.getvalue()

    def release(self) -> None:
        """Drops the figure once written. Not Figure.clear(): clearing resets each axes'
        limits to (0, 1), which a log axis shared with it refuses with a UserWarning."""
        self.fig = None
        self.axes = None

    def write(self, folder: str, formats: Sequence[str] = ("png", "svg"),
              sidecar: bool = True) -> list[str]:
        """Writes folder/NAME.png, NAME.svg and NAME.json; returns the paths."""
        written = []
        for fmt in formats:
            path = os.path.join(folder, f"{self.name}.{fmt}")
            atomic_write(path, self.png() if fmt == "png" else self.svg())
            written.append(path)
        if sidecar:
            path = os.path.join(folder, f"{self.name}.json")
            atomic_write(path, json.dumps(self.data, indent=1, default=_json_default) + "\n")
            written.append(path)
        return written


def _json_default(x: Any) -> Union[float, str]:
    try:
        return float(x)
    except (TypeError, ValueError):
        return str(x)


def axis_mapping(fig: Figure, ax: Axes) -> dict[str, Any]:
    """How to map SVG user units (points, y downwards) back to data: the axes box in SVG
    units and the data limits and scales."""
    w, h = fig.get_size_inches() * 72.0
    pos = ax.get_position()
    return {
        "svg_box": [pos.x0 * w, (1.0 - pos.y1) * h, pos.x1 * w, (1.0 - pos.y0) * h],
        "xlim": [float(v) for v in ax.get_xlim()],
        "ylim": [float(v) for v in ax.get_ylim()],
        "xscale": ax.get_xscale(),
        "yscale": ax.get_yscale(),
    }
