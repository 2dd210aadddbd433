#!/usr/bin/env python3
"""docs/scenario.schema.json against the scenario files of the repository.

Every bundled scenario (scenarios/**/*.toml, tests/scenarios/good/*.toml, bench/scenarios)
must validate against the schema; every file of the bad corpus (tests/scenarios/bad) is
listed below, either as one the schema refuses (unknown keys, wrong types, values out of
range: what one key's value shows) or as one whose error only `spendcast validate` can see
(a check across keys or files, the data, or names defined elsewhere in the scenario), with
the reason. A corpus file missing from both lists fails the test, so that every new bad
file is classified. TOML is turned into JSON as editors do (dates become strings).

Usage: check_scenario_schema.py ROOT. Exit 0 when every check holds, 1 otherwise, 77 when
/usr/bin/python3 lacks jsonschema (Debian's python3-jsonschema).
"""

import copy
import datetime
import json
import sys
from collections.abc import Callable
import tomllib
from pathlib import Path
from typing import Any

try:
    import jsonschema
except ImportError:
    print("scenario_schema: skipped: python3 lacks jsonschema (Debian's python3-jsonschema)")
    sys.exit(77)

# The bad-corpus files the schema refuses: unknown keys, wrong types, out-of-range values.
SCHEMA_REFUSES: dict[str, str] = {
    "beta-parameters": "alpha = 0, beta = -1: out of range (alpha, beta > 0)",
    "bounded-entry-share": "entry_share = 1: out of range (0, 1)",
    "category-names": "a category name with a blank",
    "composition-pairs": "uniform = 2 out of range; a pair of two items",
    "correlation-references": "rho = 1.5 out of range; between not an array",
    "date-value": "a date where an integer year belongs",
    "deep-nesting": "an unknown key in [report]",
    "discrete-parameters": "a negative weight; empty values",
    "entrant-names": "an entrant name with a blank; an unknown key",
    "event-names": "an event name with a blank",
    "event-not-table": "an [[event]] entry that is not a table",
    "event-window": "max_count = 0 out of range",
    "extends-wrong-type": "extends = ['', 1]: an empty path and a number",
    "huge-integer": "paths beyond 10^10",
    "interval-malformed": "\"0.1 - 0.3\" and \"low to high\" are not \"LO to HI\"",
    "lognormal-parameters": "not exactly one lognormal pair; median = 0",
    "many-errors": "steps_per_year = 5, sampling = \"qmc\", ...",
    "non-finite": "-inf out of range",
    "normal-sd": "sd = 0; a normal without sd",
    "paths-range": "paths beyond 10^10",
    "paths-zero": "paths = 0",
    "persistence-out-of-range": "persistence 1.2 and -0.5 outside [0, 1]",
    "positive-effects": "duration = 0 (> 0)",
    "probability-out-of-range": "hazard 1.5 and -0.1 outside [0, 1]",
    "quantiles-empty": "quantiles = []",
    "quantiles": "quantiles 0 and 1.2 outside (0, 1)",
    "remove-without-parent": "hazard = 2; remove = \"yes\" not a boolean",
    "sampling-unknown": "sampling = \"LHS\"",
    "scenario-name": "a name with capitals and a blank; description a number",
    "seed-negative": "seed = -5",
    "seed-string-not-digits": "seed = \"0x10\"",
    "shares-invalid": "shares -0.1 and 1.5 outside [0, 1]",
    "spend-not-positive": "observed spend -1 and 0 (> 0)",
    "steps-per-year": "steps_per_year = 3",
    "thresholds": "an empty threshold list; a number where a list belongs",
    "triangular-and-pert": "a pert without its mode",
    "truncate-support": "truncate = 1, not [lo, hi]",
    "unknown-distribution": "dist = \"lognorml\" and \"gamma\"",
    "unknown-key-no-suggestion": "an unknown key in [simulation]",
    "unknown-key-suggestion": "an unknown key in [spend] (persistance)",
    "unknown-top-level-key": "an unknown top-level table, [vendor]",
    "volatility-negative": "volatility -0.1, growth_volatility -0.01 (>= 0)",
    "wrong-section-types": "[simulation] and [report] of the wrong type",
    "wrong-types": "a number for a title, a string for a year, ...",
    "year-keys": "\"20x4\" and \"latest\" as year keys",
}

# The bad-corpus files whose error the schema cannot see, and why.
SEMANTIC_ONLY: dict[str, str] = {
    "Bad_Stem": "no scenario.name and the file name is not a valid one (the file's name)",
    "base-year-missing": "data.spend has no spend for base_year (two keys)",
    "bounded-hazard": "a distribution whose draws can leave [0, 1] (its support, not a constant)",
    "bounded-persistence-normal": "a normal persistence can leave [0, 1] (its support)",
    "ceiling-below-spend": "a ceiling below the observed spend (against data.spend)",
    "ceiling-range-below-spend": "a ceiling whose median is below the observed spend",
    "composition-uniform-not-pd": "a uniform correlation that is not positive definite for the categories",
    "composition-without-data": "[vendors] without data.vendors (two tables)",
    "correlation-not-positive-definite": "[[correlation]] pairs that cannot hold together",
    "drift-unknown-category": "a drift for a category the data do not name",
    "duplicate-event-names": "two events with one name (unique across entries)",
    "duration-without-growth-shift": "duration without growth_shift in the same event (two keys)",
    "empty": "required keys missing: every key is optional in the schema (extends)",
    "entrants": "entrants and their entry events (across tables)",
    "event-unknown-category": "a share_shift for a category the data do not name",
    "extends-cycle": "an extends cycle (across files)",
    "extends-missing": "a parent file that does not exist",
    "horizon-not-after-base-year": "horizon not after base_year (two keys)",
    "horizon-too-far": "horizon more than 50 years after base_year (two keys)",
    "initial-growth-required": "initial_growth required because data.spend lacks Y0 - 1",
    "missing-required": "required keys missing: every key is optional in the schema (extends)",
    "other-name-taken": "Other listed beside a residual (a sum of shares)",
    "parent-errors": "the errors are in the parent file",
    "parent-syntax-error": "the syntax error is in the parent file",
    "seed-string-too-large": "a string of digits above 2^64 - 1 (a number's size in a string)",
    "set-errors": "the errors are in the --set assignments",
    "set-quoting": "the errors are in the --set assignments",
    "shares-sum": "shares summing to more than 1",
    "toml-backslash-in-multiline-string": "valid TOML that the program's TOML reader (toml++ 3.3) cannot read",
    "truncate-no-mass": "a truncation interval without probability mass (the CDF)",
    "uniform-min-max": "max not above min (two keys)",
    "vendors-of-unknown": "vendors.of names no segment (names from the data)",
    "vendors-of-without-segments": "vendors.of without [segments] (two tables)",
}

# The bad-corpus files that are not TOML at all: the TOML reader refuses them before any
# schema applies (an editor shows a syntax error).
NOT_TOML: dict[str, str] = {
    "invalid-utf8": "bytes that are not UTF-8",
    "syntax-duplicate-key": "a key defined twice",
    "syntax-error-in-table": "a malformed value",
    "syntax-error": "a malformed table header",
    "syntax-unterminated-string": "an unterminated string",
    "toml-array-closing-brace": "an array closed by a brace",
    "toml-character-after-number": "a character after a number",
    "toml-ideographic-comma": "an ideographic comma between values",
    "toml-table-header-paren": "a parenthesis in a table header",
    "truncated": "a file that ends inside a key/value pair",
}


def as_json(value: Any) -> Any:
    """TOML's values as JSON's: dates and times become their ISO strings (as taplo does)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    with path.open("rb") as f:
        return as_json(tomllib.load(f))


def errors(validator: Any, doc: Any) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
        for e in validator.iter_errors(doc)
    ]


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    schema = json.loads((root / "docs/scenario.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures: list[str] = []

    good = sorted(
        [*root.glob("scenarios/**/*.toml"), *root.glob("tests/scenarios/good/*.toml"),
         *root.glob("bench/scenarios/*.toml")])
    if len(good) < 10:
        failures.append(f"only {len(good)} bundled scenarios found under {root}")
    for path in good:
        for e in errors(validator, load(path)):
            failures.append(f"{path.relative_to(root)}: refused by the schema: {e}")

    # The check can fail: a valid file with one planted fault is refused.
    full = load(root / "tests/scenarios/good/full.toml")
    plants: dict[str, Callable[[Any], None]] = {
        "an unknown top-level key": lambda d: d.update(zzz=1),
        "an unknown key in [spend]": lambda d: d["spend"].update(zzz=1),
        "spend.persistence = 2": lambda d: d["spend"].update(persistence=2),
        'spend.volatility = "0.1 to"': lambda d: d["spend"].update(volatility="0.1 to"),
        'spend.volatility = { dist = "normal", mean = 1 }':
            lambda d: d["spend"].update(volatility={"dist": "normal", "mean": 1}),
        "simulation.paths = 0": lambda d: d["simulation"].update(paths=0),
        "an unknown key in [[event]]": lambda d: d["event"][0].update(zzz=1),
    }
    for what, plant in plants.items():
        doc = copy.deepcopy(full)
        plant(doc)
        if not errors(validator, doc):
            failures.append(f"tests/scenarios/good/full.toml with {what}: accepted by the schema")

    bad_dir = root / "tests/scenarios/bad"
    bad = sorted(bad_dir.glob("*.toml"))
    for path in bad:
        name = path.stem
        listed = [d for d in (SCHEMA_REFUSES, SEMANTIC_ONLY, NOT_TOML) if name in d]
        if len(listed) != 1:
            failures.append(f"tests/scenarios/bad/{path.name}: listed {len(listed)} times in "
                            "SCHEMA_REFUSES, SEMANTIC_ONLY and NOT_TOML (expected once)")
            continue
        try:
            doc = load(path)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            if name not in NOT_TOML:
                failures.append(f"tests/scenarios/bad/{path.name}: not TOML ({e}) but not "
                                "listed in NOT_TOML")
            continue
        if name in NOT_TOML:
            failures.append(f"tests/scenarios/bad/{path.name}: listed in NOT_TOML but reads")
            continue
        found = errors(validator, doc)
        if name in SCHEMA_REFUSES and not found:
            failures.append(f"tests/scenarios/bad/{path.name}: accepted by the schema, expected "
                            f"refused ({SCHEMA_REFUSES[name]})")
        if name in SEMANTIC_ONLY and found:
            failures.append(f"tests/scenarios/bad/{path.name}: refused by the schema although "
                            f"listed as semantic only ({SEMANTIC_ONLY[name]}): {found[0]} "
                            "(move it to SCHEMA_REFUSES)")
    for listed in (SCHEMA_REFUSES, SEMANTIC_ONLY, NOT_TOML):
        for name in listed:
            if not (bad_dir / f"{name}.toml").exists():
                failures.append(f"tests/scenarios/bad/{name}.toml: listed but missing")

    for f in failures:
        print(f"scenario_schema: {f}")
    print(f"scenario_schema: {len(good)} bundled scenarios, {len(bad)} bad-corpus files: "
          f"{len(SCHEMA_REFUSES)} refused by the schema, {len(SEMANTIC_ONLY)} semantic only, "
          f"{len(NOT_TOML)} not TOML; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
