#!/usr/bin/env python3
"""Quantity extraction on quantulum3's own English test cases: dossier's parser beside quantulum3.

usage: python benchmarks/quantities.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus/quantulum3 (files ``quantities.json`` and
``quantities.ambiguity.json``: sentences with the expected value, unit and surface). An
expected quantity is *found* when an extraction overlaps its surface in the sentence with the
same value (a range counts by its midpoint, quantulum3's convention); *found with unit* when
the unit names agree as well (a bare count is "dimensionless"). Precision counts extractions
that match no expected quantity. Speed is words per second on the same sentences, repeated.
Prints a table; not a test.
"""

from __future__ import annotations

import json
import math
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.claims.extract import find_quantities  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "quantulum3"
#: quantulum3 names a few units differently from our canonical names.
SAME_UNIT = {"cubic centimetre": {"millilitre", "cubic centimetre"}, "ton": {"ton", "short ton"}}

Extraction = tuple[int, int, float | None, str]  # start, end, value, unit name


def ours(text: str) -> list[Extraction]:
    out = []
    for q in find_quantities(text):
        value = (
            q.value
            if q.value is not None
            else ((q.low + q.high) / 2 if q.low is not None and q.high is not None else None)
        )
        unit = {"times": "count"}.get(q.unit or "", q.unit or "dimensionless")
        if q.rate:
            unit = f"{unit} per {q.rate}" if q.unit else f"count per {q.rate}"
        out.append((q.start, q.end, value, unit))
    return out


def quantulum(text: str) -> list[Extraction]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        start, end = q.span
        out.append((start, end, float(q.value), q.unit.name))
    return out


def _value_ok(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, float(b), rel_tol=1e-6, abs_tol=1e-9)


def _unit_ok(ours_unit: str, gold: str) -> bool:
    return ours_unit.lower() == gold.lower() or gold in SAME_UNIT.get(ours_unit, set())


def evaluate(cases: list[dict], extract: Callable[[str], list[Extraction]]) -> dict[str, float]:
    expected = value_hits = unit_hits = predicted = spurious = 0
    words = 0
    t0 = time.perf_counter()
    for case in cases:
        text = case["req"]
        words += len(text.split())
        try:
            found = extract(text)
        except Exception:  # noqa: BLE001  (a crash counts as finding nothing)
            found = []
        predicted += len(found)
        used: set[int] = set()
        for gold in case["res"]:
            at = text.find(gold["surface"])
            span = (at, at + len(gold["surface"])) if at >= 0 else (0, len(text))
            expected += 1
            cands = [
                i
                for i, f in enumerate(found)
                if f[0] < span[1] and span[0] < f[1] and _value_ok(f[2], gold["value"])
            ]
            if cands:
                value_hits += 1
                used.update(cands)
                if any(_unit_ok(found[i][3], gold["unit"]) for i in cands):
                    unit_hits += 1
        spurious += len([i for i in range(len(found)) if i not in used])
    elapsed = time.perf_counter() - t0
    return {
        "expected": expected,
        "value_recall": round(value_hits / expected, 3),
        "value_unit_recall": round(unit_hits / expected, 3),
        "precision": round((predicted - spurious) / predicted, 3) if predicted else 0.0,
        "words_per_s": round(words / elapsed) if elapsed else 0,
    }


#: Phrases the issue names as not claims (dates, times, ordinals, articles): any extraction
#: from them is a false quantity.
NOT_QUANTITIES = (
    "the bones of the 18th century Prince",
    "since its full-scale invasion Feb. 24",
    "just after 3 a.m. on an apartment block",
    "a key bridge over the river was left in ruins",
    "one of the biggest blows yet",
    "since 1 October",
    "which Russia has occupied since 2014",
    "on 11 November 5 a.m. Moscow time (2 a.m. UTC)",
    "in the 1990s",
    "the 21st-century telescopes",
    "took place from 9 to 11 November 2022",
    "at 10:30 on Tuesday",
)


def news_claims(
    gold_path: Path, extract: Callable[[str], list[Extraction]], with_range: bool
) -> dict[str, float]:
    """Value recall on the seed gold claims (sentence by sentence) and false quantities."""
    claims = json.loads(gold_path.read_text())["claims"]
    hits = 0
    for claim in claims:
        found = extract(claim["sentence"])
        if claim["value"] is not None:
            hits += any(_value_ok(f[2], claim["value"]) for f in found)
        else:
            mid = (claim["low"] + claim["high"]) / 2
            hits += any(_value_ok(f[2], mid) for f in found)
    false = sum(len(extract(text)) for text in NOT_QUANTITIES)
    return {
        "gold": len(claims),
        "value_recall": round(hits / len(claims), 3),
        "false_on_non_quantities": false,
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    warnings.simplefilter("ignore")
    table = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        path = folder / name
        if not path.exists():
            continue
        cases = json.loads(path.read_text())
        for system, fn in (("dossier", ours), ("quantulum3", quantulum)):
            table.append((name, system, evaluate(cases, fn)))
    cols = ["expected", "value_recall", "value_unit_recall", "precision", "words_per_s"]
    print(f"{'file':28} {'system':11} " + " ".join(f"{c:>17}" for c in cols))
    for name, system, row in table:
        print(f"{name:28} {system:11} " + " ".join(f"{row[c]:>17}" for c in cols))
    gold = folder.parents[1] / "golden" / "kherson" / "gold.json"
    if gold.exists():
        print()
        print(
            "seed claims (golden/kherson: value or range midpoint in the claim's sentence; qualifiers: "
            "quantulum3 keeps none)"
        )
        for system, fn in (("dossier", ours), ("quantulum3", quantulum)):
            row = news_claims(gold, fn, system == "dossier")
            print(f"{'':28} {system:11} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
