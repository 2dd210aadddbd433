#!/usr/bin/python3
"""A vectorised NumPy implementation of spendcast's model, for the benchmark scenarios.

The script an analyst would write instead of using spendcast: every path at once as NumPy
arrays, one loop over the time steps, NumPy's own random numbers (PCG64), plain Monte
Carlo. It follows docs/MODEL.md for what bench/scenarios/ use (spend with mean-reverting
growth, level and growth noise and a ceiling; vendor and segment shares with momentum,
drift, diversification, correlated shocks and an entrant; events with jumps, temporary
growth shifts, share shifts and entry; a Gaussian copula between θs) and refuses a
scenario that uses anything else, naming the key. It draws different random numbers from
the engine, so the two agree in distribution, not path by path
(tests/scripts/numpy_baseline.sh checks that).

Usage:
  numpy_baseline.py SCENARIO.toml [--paths N] [--seed S] [--json OUT]
      simulate and write the year-end statistics (mean, se, percentiles 1..99 of spend,
      shares and segment shares) as JSON, the reference format of
      tests/crosscheck/compare_with_numpy.py;
  numpy_baseline.py SCENARIO.toml --paths N --bench K
      one warm-up and K timed runs (simulation and statistics); prints
      {"seconds": [...], "path_steps": N*steps} on stdout (`spendcast bench --with-numpy`).
Exit status: 0, 2 for a scenario or option it cannot handle, 3 when NumPy/SciPy is missing.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
import tomllib
from dataclasses import dataclass, field
from typing import Any, Callable

try:
    import numpy as np
    from scipy import special
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(f"numpy_baseline: {missing.name} is not installed for {sys.executable} "
          "(Debian: apt install python3-numpy python3-scipy)", file=sys.stderr)
    sys.exit(3)

Array = Any  # numpy.ndarray of float64
Z95 = 1.6448536269514722  # Φ⁻¹(0.95): "LO to HI" and p5/p95 are 90 % intervals


class Unsupported(Exception):
    """A scenario feature this baseline does not implement (exit 2)."""


def check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise Unsupported(f"{where}.{key} is not supported by this baseline "
                              "(it covers what bench/scenarios/ use)")


# ---------------------------------------------------------------- distributions (§1)

@dataclass
class Dist:
    """A distribution drawn by its quantile function: value = ppf(u)."""
    ppf: Callable[[Array], Array]
    constant: float | None = None


def lognormal_ppf(mu: float, sigma: float) -> Callable[[Array], Array]:
    return lambda u: np.exp(mu + sigma * special.ndtri(u))


def parse_dist(value: Any, where: str) -> Dist:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        c = float(value)
        return Dist(lambda u: np.full_like(u, c), c)
    if isinstance(value, str):
        parts = value.split(" to ")
        if len(parts) != 2:
            raise Unsupported(f"{where} = {value!r}: only \"LO to HI\" strings are supported")
        lo, hi = float(parts[0]), float(parts[1])
        if lo > 0:
            mu, sigma = (math.log(lo) + math.log(hi)) / 2, (math.log(hi) - math.log(lo)) / (2 * Z95)
            return Dist(lognormal_ppf(mu, sigma))
        mean, sd = (lo + hi) / 2, (hi - lo) / (2 * Z95)
        return Dist(lambda u: mean + sd * special.ndtri(u))
    if not isinstance(value, dict) or "dist" not in value:
        raise Unsupported(f"{where}: expected a number, \"LO to HI\" or a table with dist")
    kind = value["dist"]
    if kind == "uniform":
        check_keys(value, {"dist", "min", "max"}, where)
        lo, hi = float(value["min"]), float(value["max"])
        base = Dist(lambda u: lo + (hi - lo) * u)
    elif kind == "beta":
        check_keys(value, {"dist", "alpha", "beta"}, where)
        a, b = float(value["alpha"]), float(value["beta"])
        base = Dist(lambda u: special.betaincinv(a, b, u))
    elif kind == "pert":
        check_keys(value, {"dist", "min", "mode", "max"}, where)
        lo, mode, hi = float(value["min"]), float(value["mode"]), float(value["max"])
        a, b = 1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo)
        base = Dist(lambda u: lo + (hi - lo) * special.betaincinv(a, b, u))
    elif kind == "lognormal":
        check_keys(value, {"dist", "p5", "p95", "truncate"}, where)
        lo, hi = math.log(float(value["p5"])), math.log(float(value["p95"]))
        mu, sigma = (lo + hi) / 2, (hi - lo) / (2 * Z95)
        ppf = lognormal_ppf(mu, sigma)
        if "truncate" in value:
            t_lo, t_hi = (float(x) for x in value["truncate"])
            cdf = (lambda x: 0.0 if x <= 0 else float(special.ndtr((math.log(x) - mu) / sigma)))
            f_lo, f_hi = cdf(t_lo), cdf(t_hi)
            return Dist(lambda u: np.clip(ppf(f_lo + u * (f_hi - f_lo)), t_lo, t_hi))
        base = Dist(ppf)
    else:
        raise Unsupported(f"{where}: dist = {kind!r} is not supported by this baseline")
    if "truncate" in value:
        raise Unsupported(f"{where}: truncate is supported for lognormal only")
    return base


# ---------------------------------------------------------------- the scenario

@dataclass
class Composition:
    kind: str
    names: list[str]
    logit0: Array
    entrant: Array  # bool per category
    momentum0: dict[int, Dist | float]  # category -> θ or observed value
    drift: dict[int, Dist]
    persistence: Dist
    volatility: Dist
    diversification: Dist
    cholesky: Array | None


@dataclass
class Event:
    name: str
    hazard: Dist
    first_year: int
    last_year: int
    max_count: int
    spend_jump: Dist | None
    growth_shift: Dist | None
    duration: Dist | None
    share_shift: list[tuple[int, int, Dist]]  # (composition, category, size)
    enters: tuple[int, int] | None
    entry_share: Dist | None


@dataclass
class Scenario:
    name: str
    base_year: int
    horizon: int
    m: int
    paths: int
    seed: int
    base_spend: float
    g0: float
    thetas: dict[str, Dist] = field(default_factory=dict)
    compositions: list[Composition] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    copula: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def steps(self) -> int:
        return self.m * (self.horizon - self.base_year)


def composition(doc: dict[str, Any], kind: str, s: Scenario) -> Composition:
    spec = doc[kind]
    check_keys(spec, {"of", "persistence", "volatility", "diversification", "drift",
                      "correlation", "entrants", "initial_momentum"}, kind)
    data = doc["data"][kind]
    years = sorted(int(y) for y in data)
    base = data[str(s.base_year)]
    prev = data.get(str(s.base_year - 1), {})
    names = list(base)
    shares = [float(base[n]) for n in names]
    momentum: dict[int, Dist | float] = {}
    for i, n in enumerate(names):
        if float(prev.get(n, 0.0)) > 0:
            momentum[i] = math.log(shares[i] / float(prev[n]))
    residual = 1.0 - sum(shares)
    if residual > 1e-9:
        names.append("Other")
        shares.append(residual)
        prev_residual = 1.0 - sum(float(v) for v in prev.values())
        if prev and prev_residual > 1e-9:
            momentum[len(names) - 1] = math.log(residual / prev_residual)
    if years and years[0] < s.base_year - 1:
        raise Unsupported(f"data.{kind}: only the base year and the year before are supported")
    entrants = [e["name"] for e in spec.get("entrants", [])]
    names += entrants
    logit0 = np.array([math.log(x) for x in shares] + [0.0] * len(entrants))
    entrant = np.array([False] * len(shares) + [True] * len(entrants))
    for n, v in spec.get("initial_momentum", {}).items():
        momentum[names.index(n)] = parse_dist(v, f"{kind}.initial_momentum.{n}")
    for i in range(len(shares), len(names)):
        momentum.setdefault(i, 0.0)
    drift = {names.index(n): parse_dist(v, f"{kind}.drift.{n}")
             for n, v in spec.get("drift", {}).items()}
    cholesky = None
    if "correlation" in spec:
        check_keys(spec["correlation"], {"uniform"}, f"{kind}.correlation")
        k, rho = len(names), float(spec["correlation"]["uniform"])
        cholesky = np.linalg.cholesky(np.full((k, k), rho) + (1 - rho) * np.eye(k))
    return Composition(kind, names, logit0, entrant, momentum, drift,
                       parse_dist(spec["persistence"], f"{kind}.persistence"),
                       parse_dist(spec["volatility"], f"{kind}.volatility"),
                       parse_dist(spec.get("diversification", 0.0), f"{kind}.diversification"),
                       cholesky)


def load(path: str) -> Scenario:
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    check_keys(doc, {"scenario", "simulation", "data", "spend", "vendors", "segments", "event",
                     "correlation", "report"}, "(top level)")
    check_keys(doc.get("scenario", {}), {"name", "title", "description"}, "scenario")
    sim = doc["simulation"]
    check_keys(sim, {"base_year", "horizon", "steps_per_year", "paths", "seed", "sampling"},
               "simulation")
    if sim.get("sampling", "mc") != "mc":
        raise Unsupported(f"simulation.sampling = {sim['sampling']!r} is not supported by this "
                          "baseline (plain Monte Carlo only: \"mc\")")
    check_keys(doc["data"], {"source", "spend", "vendors", "segments"}, "data")
    spend_data = {int(y): float(v) for y, v in doc["data"]["spend"].items()}
    base_year = int(sim["base_year"])
    s = Scenario(doc["scenario"]["name"], base_year, int(sim["horizon"]),
                 int(sim.get("steps_per_year", 1)), int(sim["paths"]), int(sim["seed"]),
                 spend_data[base_year], math.log(spend_data[base_year] / spend_data[base_year - 1]))
    spend = doc["spend"]
    check_keys(spend, {"long_run_growth", "persistence", "volatility", "growth_volatility",
                       "ceiling"}, "spend")
    for key in ("long_run_growth", "persistence", "volatility", "growth_volatility", "ceiling"):
        if key in spend or key == "growth_volatility":
            s.thetas[f"spend.{key}"] = parse_dist(spend.get(key, 0.0), f"spend.{key}")
    for kind in ("vendors", "segments"):
        if kind in doc:
            s.compositions.append(composition(doc, kind, s))
    for e in doc.get("event", []):
        check_keys(e, {"name", "description", "hazard", "from", "until", "max_count",
                       "spend_jump", "growth_shift", "duration", "enters", "entry_share",
                       "share_shift"}, f"event {e.get('name')}")
        shifts = []
        for n, v in e.get("share_shift", {}).items():
            c = next(i for i, c in enumerate(s.compositions) if n in c.names)
            shifts.append((c, s.compositions[c].names.index(n), parse_dist(v, "share_shift")))
        enters = None
        if "enters" in e:
            c = next(i for i, c in enumerate(s.compositions) if e["enters"] in c.names)
            enters = (c, s.compositions[c].names.index(e["enters"]))
        opt = (lambda k: parse_dist(e[k], f"event.{e['name']}.{k}") if k in e else None)
        s.events.append(Event(e["name"], parse_dist(e["hazard"], f"event.{e['name']}.hazard"),
                              int(e.get("from", base_year + 1)), int(e.get("until", s.horizon)),
                              int(e.get("max_count", 1)), opt("spend_jump"), opt("growth_shift"),
                              opt("duration"), shifts, enters, opt("entry_share")))
    for c in doc.get("correlation", []):
        check_keys(c, {"between", "rho"}, "correlation")
        s.copula.append((c["between"][0], c["between"][1], float(c["rho"])))
    return s


# ---------------------------------------------------------------- simulation (§1–§5)

def decay(rho: Array, dt: float) -> tuple[Array, Array, Array]:
    """A = ρ^Δ, B = (1 − A)/κ and κ = −ln ρ for persistences ρ (special cases of §2)."""
    with np.errstate(divide="ignore"):
        kappa = -np.log(rho)
    a = np.where(rho > 0, rho ** dt, 0.0)
    small = kappa * dt < 1e-8
    b = np.where(rho <= 0, 0.0,
                 np.where(small, dt * (1 - 0.5 * kappa * dt), (1 - a) / np.where(small, 1, kappa)))
    return a, b, kappa


class Thetas:
    """Per-path θs: independent uniforms, or a Gaussian copula's for correlated ones."""

    def __init__(self, s: Scenario, rng: np.random.Generator, n: int):
        self.rng, self.n, self.u = rng, n, {}
        members = sorted({name for a, b, _ in s.copula for name in (a, b)})
        if members:
            r = np.eye(len(members))
            for a, b, rho in s.copula:
                i, j = members.index(a), members.index(b)
                r[i, j] = r[j, i] = rho
            z = rng.standard_normal((n, len(members))) @ np.linalg.cholesky(r).T
            u = np.clip(special.ndtr(z), 2.0**-53, 1 - 2.0**-53)
            self.u = {name: u[:, k] for k, name in enumerate(members)}

    def draw(self, name: str, d: Dist | float) -> Array:
        if isinstance(d, float):
            return np.full(self.n, d)
        if d.constant is not None:
            return np.full(self.n, d.constant)
        return d.ppf(self.u.get(name, self.rng.random(self.n)))


def simulate(s: Scenario, n: int, rng: np.random.Generator) -> dict[str, Array]:
    """Year-end values [year, path] of spend, shares and segment shares."""
    dt, m = 1.0 / s.m, s.m
    th = Thetas(s, rng, n)
    gbar = th.draw("spend.long_run_growth", s.thetas["spend.long_run_growth"])
    phi = th.draw("spend.persistence", s.thetas["spend.persistence"])
    sigma = th.draw("spend.volatility", s.thetas["spend.volatility"])
    tau = th.draw("spend.growth_volatility", s.thetas["spend.growth_volatility"])
    ceiling = (th.draw("spend.ceiling", s.thetas["spend.ceiling"])
               if "spend.ceiling" in s.thetas else None)
    a_phi, b_phi, kappa = decay(phi, dt)
    # The exact OU shock (U, I) over a step, as its Cholesky factor (§2).
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = 2 * kappa * tau**2 / (1 - phi**2)
        vu = s2 * (1 - a_phi**2) / (2 * kappa)
        vi = s2 / kappa**2 * (dt - 2 * b_phi + (1 - a_phi**2) / (2 * kappa))
        cv = s2 / (2 * kappa**2) * (1 - a_phi) ** 2
    limit = kappa * dt < 1e-6
    vu = np.where(phi <= 0, tau**2, np.where(limit, tau**2 * dt, vu))
    vi = np.where(phi <= 0, 0.0, np.where(limit, tau**2 * dt**3 / 3, vi))
    cv = np.where(phi <= 0, 0.0, np.where(limit, tau**2 * dt**2 / 2, cv))
    l11 = np.sqrt(np.maximum(vu, 0))
    l21 = np.where(l11 > 0, cv / np.where(l11 > 0, l11, 1), 0.0)
    l22 = np.sqrt(np.maximum(vi - l21**2, 0))

    x = np.full(n, math.log(s.base_spend))
    g = np.full(n, s.g0)
    shift = np.zeros(n)  # G: growth shifts in force

    comps = []
    for c in s.compositions:
        k = len(c.names)
        psi = th.draw(f"{c.kind}.persistence", c.persistence)
        nu = th.draw(f"{c.kind}.volatility", c.volatility)
        lam = th.draw(f"{c.kind}.diversification", c.diversification)
        a_psi, b_psi, _ = decay(psi, dt)
        pull = np.exp(-lam * dt)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(lam * dt < 1e-9, math.sqrt(dt),
                             np.sqrt((1 - np.exp(-2 * lam * dt)) / (2 * lam)))
        logit = np.tile(c.logit0[:, None], (1, n))
        mu = np.zeros((k, n))
        drift = np.zeros((k, n))
        for i, d in c.drift.items():
            drift[i] = th.draw(f"{c.kind}.drift.{c.names[i]}", d)
        entry_momentum = {}
        for i, d in c.momentum0.items():
            v = th.draw(f"{c.kind}.initial_momentum.{c.names[i]}", d)
            if c.entrant[i]:
                entry_momentum[i] = v
            else:
                mu[i] = v
        active = np.tile((~c.entrant)[:, None], (1, n))
        comps.append(dict(spec=c, logit=logit, mu=mu, drift=drift, active=active, a=a_psi,
                          b=b_psi, pull=pull, noise=nu * scale, entry_momentum=entry_momentum,
                          pending=np.zeros((k, n))))

    events = []
    for e in s.events:
        h = th.draw(f"event.{e.name}.hazard", e.hazard)
        p = np.where(h >= 1, 1.0, -np.expm1(dt * np.log1p(-np.minimum(h, 1.0))))
        events.append(dict(spec=e, p=p, count=np.zeros(n, dtype=int), expiries=[]))

    out: dict[str, list[Array]] = {"spend": []}
    for c in s.compositions:
        prefix = "share." if c.kind == "vendors" else "share_segment."
        for name in c.names:
            out[prefix + name] = []

    for step in range(1, s.steps + 1):
        year = s.base_year + -(-step // m)
        jump = np.zeros(n)
        for ev in events:  # §4: expiries, then firings in file order
            e = ev["spec"]
            for end, amount in ev["expiries"]:
                if end == step:
                    shift -= amount
            ev["expiries"] = [(end, amount) for end, amount in ev["expiries"] if end != step]
            if not (e.first_year <= year <= e.last_year):
                continue
            fired = (rng.random(n) < ev["p"]) & (ev["count"] < e.max_count)
            if not fired.any():
                continue
            ev["count"] += fired
            k = int(fired.sum())
            if e.spend_jump:
                jump[fired] += np.log(e.spend_jump.ppf(rng.random(k)))
            if e.growth_shift:
                amount = np.zeros(n)
                amount[fired] = e.growth_shift.ppf(rng.random(k))
                shift += amount
                if e.duration:
                    years = e.duration.ppf(rng.random(k))
                    ends = step + np.ceil(years * m - 1e-9).astype(int)
                    ends = np.maximum(ends, step + 1)
                    end_of = np.zeros(n, dtype=int)
                    end_of[fired] = ends
                    for end in np.unique(ends):
                        if end <= s.steps:
                            ev["expiries"].append((int(end), np.where(end_of == end, amount, 0.0)))
            for ci, cat, size in e.share_shift:
                comps[ci]["pending"][cat, fired] += size.ppf(rng.random(k))
            if e.enters:
                ci, cat = e.enters
                comps[ci].setdefault("entries", []).append(
                    (cat, fired, e.entry_share.ppf(rng.random(n))))

        # §2: spend
        target = gbar + shift
        excess = g - target
        incr = target * dt + excess * b_phi
        z0, z1 = rng.standard_normal(n), rng.standard_normal(n)
        incr += l21 * z0 + l22 * z1
        g = target + excess * a_phi + l11 * z0
        if ceiling is not None:
            incr *= np.clip(1 - np.exp(x) / ceiling, -1, 1)
        x += incr + sigma * math.sqrt(dt) * rng.standard_normal(n) + jump

        # §3: compositions
        for c in comps:
            spec, logit, mu, drift, active = c["spec"], c["logit"], c["mu"], c["drift"], c["active"]
            excess = mu - drift
            logit += drift * dt + excess * c["b"]
            mu[:] = drift + c["a"] * excess
            mean = (logit * active).sum(axis=0) / active.sum(axis=0)
            logit[:] = mean + c["pull"] * (logit - mean)
            eps = rng.standard_normal(logit.shape)
            if spec.cholesky is not None:
                eps = spec.cholesky @ eps
            logit += c["noise"] * eps + c["pending"]
            c["pending"][:] = 0.0
            for cat, fired, share in c.pop("entries", []):
                enter = fired & ~active[cat]
                masked = np.where(active, logit, -np.inf)
                top = masked.max(axis=0)
                lse = top + np.log(np.exp(masked - top).sum(axis=0))
                logit[cat, enter] = (np.log(share / (1 - share)) + lse)[enter]
                mu[cat, enter] = c["entry_momentum"].get(cat, np.zeros(n))[enter]
                active[cat, enter] = True

        if step % m == 0:  # §5: year-end metrics
            out["spend"].append(np.exp(x))
            for c in comps:
                spec = c["spec"]
                masked = np.where(c["active"], c["logit"], -np.inf)
                e = np.exp(masked - masked.max(axis=0))
                shares = e / e.sum(axis=0)
                prefix = "share." if spec.kind == "vendors" else "share_segment."
                for i, name in enumerate(spec.names):
                    out[prefix + name].append(shares[i])
    return {k: np.array(v) for k, v in out.items()}


def statistics(s: Scenario, values: dict[str, Array]) -> dict[str, Any]:
    """Mean, se and percentiles 1..99 per metric and year."""
    pct = np.arange(1, 100)
    metrics: dict[str, Any] = {}
    for name, v in values.items():
        q = np.percentile(v, pct, axis=1)
        mean, sd = v.mean(axis=1), v.std(axis=1, ddof=1)
        metrics[name] = {
            str(s.base_year + y + 1): {
                "mean": float(mean[y]), "se": float(sd[y] / math.sqrt(v.shape[1])),
                "percentiles": {str(p): float(q[p - 1, y]) for p in pct}}
            for y in range(v.shape[0])}
    return metrics


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--paths", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", help="write the statistics to this file")
    parser.add_argument("--bench", type=int, metavar="K", help="time K runs after a warm-up")
    args = parser.parse_args(argv)
    try:
        s = load(args.scenario)
    except Unsupported as e:
        print(f"numpy_baseline: {args.scenario}: {e}", file=sys.stderr)
        return 2
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, StopIteration) as e:
        print(f"numpy_baseline: {args.scenario}: cannot read the scenario: "
              f"{type(e).__name__}: {e}", file=sys.stderr)
        return 2
    paths = args.paths if args.paths is not None else s.paths
    seed = args.seed if args.seed is not None else s.seed
    if paths < 2 or (args.bench is not None and args.bench < 1):
        print("numpy_baseline: --paths must be at least 2 and --bench at least 1",
              file=sys.stderr)
        return 2
    if args.bench is not None:
        seconds = []
        for k in range(args.bench + 1):
            start = time.perf_counter()
            statistics(s, simulate(s, paths, np.random.default_rng([seed, k])))
            if k > 0:  # run 0 is the warm-up
                seconds.append(time.perf_counter() - start)
        print(json.dumps({"seconds": seconds, "path_steps": paths * s.steps}))
        return 0
    result = {"scenario": s.name, "paths": paths, "seed": seed,
              "metrics": statistics(s, simulate(s, paths, np.random.default_rng(seed)))}
    text = json.dumps(result, indent=1) + "\n"
    if args.json:
        with open(args.json, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
