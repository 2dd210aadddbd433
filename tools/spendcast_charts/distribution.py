"""A metric's distribution across paths, rebuilt from a result's state (every value, the
quantile sketch, or the percentiles), with its CDF, quantiles and density."""

import math

import numpy as np

from .fields import InputError


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

