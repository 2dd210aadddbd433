"""A metric's distribution across paths, rebuilt from a result's state (every value, the
quantile sketch, or the percentiles), with its CDF, quantiles and density."""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any, Optional, TYPE_CHECKING

import numpy as np

from .fields import InputError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


def decode_counts(text: str) -> np.ndarray:
    """A sketch store's counts from their compact text (docs/RESULT-FORMAT.md, "Encoded
    counts"): base64 of unsigned LEB128 varint tokens, an even token 2v one count v, an
    odd token 2z - 1 a run of z zeros."""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise InputError(f"sketch counts: not base64 ({e})") from None
    counts: list[int] = []
    token, shift = 0, 0
    for byte in data:
        token |= (byte & 0x7F) << shift
        shift += 7
        if byte & 0x80:
            continue
        if token & 1:
            counts.extend([0] * ((token + 1) // 2))
        else:
            counts.append(token // 2)
        token, shift = 0, 0
    if shift:
        raise InputError("sketch counts: a varint cut short")
    return np.asarray(counts, dtype=np.float64)


ATOM_MIN = 0.01  # a value holding this share of the paths or more is drawn as a point mass


class Distribution:
    """A one-dimensional distribution as a piecewise-linear CDF through (x, F) knots,
    plus weighted points for a kernel density estimate, and its known point masses
    (`atoms`: value -> probability; values that many paths hold exactly, such as the share
    0 of a vendor that has not entered)."""

    def __init__(self, xs: ArrayLike, fs: ArrayLike, points: ArrayLike, weights: ArrayLike,
                 lo: float, hi: float, n: float,
                 atoms: Optional[dict[float, float]] = None) -> None:
        self.atoms = {float(x): float(p) for x, p in (atoms or {}).items() if p > 0}
        self.n = float(n)  # number of values behind it (for the bandwidth)
        self.xs = np.asarray(xs, dtype=float)
        self.fs = np.asarray(fs, dtype=float)
        self.points = np.asarray(points, dtype=float)
        self.weights = np.asarray(weights, dtype=float)
        self.lo = float(lo)
        self.hi = float(hi)

    @staticmethod
    def from_values(values: ArrayLike) -> Distribution:
        v = np.sort(np.asarray(values, dtype=float))
        n = v.size
        # the NumPy "linear" rule: F(v[i]) = i / (n - 1)
        fs = np.arange(n) / max(n - 1, 1)
        atoms = {}
        for x in (v[0], v[-1]):  # values held exactly by several paths, at either end
            k = int(np.count_nonzero(v == x))
            if k >= 2:
                atoms[float(x)] = k / n
        return Distribution(v, fs, v, np.ones(n), v[0], v[-1], n, atoms)

    @staticmethod
    def from_sketch(sk: dict[str, Any]) -> Distribution:
        """The sketch's values as the engine reads them (docs/STATISTICS.md): a key k
        covers the magnitudes from the double whose bits are k << (52 - b) (lo) up to the
        one of (k + 1) << (52 - b) (hi); each value of the bucket stands at the
        representative 2 lo hi / (lo + hi), clamped to the exact [min, max], and the first
        and last values are the exact min and max."""
        bits = int(sk["subbucket_bits"])
        shift = np.uint64(52 - bits)
        reps, counts = [], []

        def store(s: dict[str, Any], sign: int) -> None:
            raw = s.get("counts") or []
            # spendcast-result/2 encodes the counts as text, /1 wrote an array
            c = decode_counts(raw) if isinstance(raw, str) else np.asarray(raw, dtype=np.float64)
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
        # the sketch counts exact zeros apart: a point mass (its other buckets are ranges)
        atoms = {0.0: zero / c.sum()} if zero >= 2 else {}
        return Distribution.from_points(rep[keep], c[keep], vmin, vmax, atoms)

    @staticmethod
    def from_points(points: ArrayLike, counts: ArrayLike, vmin: float, vmax: float,
                    atoms: Optional[dict[float, float]] = None) -> Distribution:
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
        return Distribution(xs, fs, points, counts, vmin, vmax, n, atoms)

    @staticmethod
    def from_percentiles(pct: dict[str, float], vmin: Optional[float] = None,
                         vmax: Optional[float] = None) -> Distribution:
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
        # percentiles equal to the min (max): at least that share of paths sits there
        atoms = {}
        if vmin is not None and fs.size > 2 and xs[1] == xs[0]:
            atoms[float(xs[0])] = float(fs[np.nonzero(xs == xs[0])[0][-1]])
        if vmax is not None and fs.size > 2 and xs[-2] == xs[-1]:
            atoms[float(xs[-1])] = float(1.0 - fs[np.nonzero(xs == xs[-1])[0][0]])
        return Distribution(xs, fs, mids, np.diff(fs), xs[0], xs[-1], len(ks), atoms)

    def cdf(self, x: ArrayLike) -> np.ndarray:
        return np.interp(x, self.xs, self.fs, left=0.0, right=1.0)

    def quantile(self, p: float) -> float:
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

    def log_scale(self) -> bool:
        """True when the values are positive and spread over a wide ratio: densities are
        then estimated on log(x)."""
        q01, q99 = self.quantile(0.01), self.quantile(0.99)
        return q01 > 0 and q99 / q01 > 4.0

    def point_masses(self, at_least: float = ATOM_MIN) -> list[tuple[float, float]]:
        """[(value, probability)] of the point masses holding at least `at_least`."""
        return sorted((x, p) for x, p in self.atoms.items() if p >= at_least)

    def continuous_part(self, at_least: float = ATOM_MIN) -> tuple[np.ndarray, np.ndarray, float]:
        """The points and weights left once the point masses are taken out, and the
        probability they hold (1 - the point masses')."""
        masses = self.point_masses(at_least)
        keep = np.ones(self.points.size, dtype=bool)
        for x, _ in masses:
            keep &= self.points != x
        return self.points[keep], self.weights[keep], 1.0 - sum(p for _, p in masses)

    def density(self, grid: ArrayLike, log: Optional[bool] = None, lower: Optional[float] = None,
                upper: Optional[float] = None) -> np.ndarray:
        """The density of the continuous part at `grid`: the point masses taken out, a
        Gaussian kernel estimate of the rest scaled to the probability it holds (so the
        curve's area plus the point masses is 1), zero outside [lower, upper] and reflected
        at those bounds (no mass leaks past 0 for a share or a spend); on log(x) when `log`
        (default: log_scale()). The bandwidth is Silverman's, but never below 1.5 times the
        widest gap between neighbouring support points in the middle 90 % (the sketch's
        buckets, the percentiles): the estimate never turns into a comb of spikes."""
        if log is None:
            log = self.log_scale()
        g = np.asarray(grid, dtype=float)
        pts, w, mass = self.continuous_part()
        if pts.size == 0 or w.sum() <= 0 or mass <= 0:
            return np.zeros(g.size)
        w = w / w.sum()
        if log:
            keep = pts > 0
            pts, w = np.log(pts[keep]), w[keep] / w[keep].sum()
            g = np.log(np.maximum(g, 1e-300))
            lower = upper = None  # the log already keeps the estimate positive
        order = np.argsort(pts, kind="stable")
        pts, w = pts[order], w[order]
        mean = float(np.sum(w * pts))
        sd = math.sqrt(max(float(np.sum(w * (pts - mean) ** 2)), 0.0))
        cw = np.cumsum(w)

        def q(p: float) -> float:
            return pts[min(int(np.searchsorted(cw, p)), cw.size - 1)]

        q25, q75 = q(0.25), q(0.75)
        spread = min(sd, (q75 - q25) / 1.349) if q75 > q25 else sd
        n = max(self.n * mass, 1.0)
        h = 0.9 * max(spread, 1e-12) * n ** -0.2
        middle = np.unique(pts[(pts >= q(0.05)) & (pts <= q(0.95))])
        if middle.size > 1:
            h = max(h, 1.5 * float(np.max(np.diff(middle))))
        if spread <= 0 and middle.size <= 1:  # one value: a narrow bump
            h = max(abs(float(pts[0])) * 1e-3, 1e-9)
        if lower is not None:  # reflect at the bounds: no mass beyond them
            near = pts < lower + 4 * h
            pts, w = np.concatenate([pts, 2 * lower - pts[near]]), np.concatenate([w, w[near]])
        if upper is not None:
            near = pts > upper - 4 * h
            pts, w = np.concatenate([pts, 2 * upper - pts[near]]), np.concatenate([w, w[near]])
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
        if lower is not None:
            f[g < lower] = 0.0
        if upper is not None:
            f[g > upper] = 0.0
        return f * mass
