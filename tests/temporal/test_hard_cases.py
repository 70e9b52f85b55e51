"""The hand-written hard-case table (``hard_cases.py``): >= 95 % exact, each row reported."""

from __future__ import annotations

import pytest

from dossier.temporal import normalise, tag
from tests.temporal.hard_cases import NARRATIVE, rows

ROWS = rows()


def _value(text: str, dct: str | None, kind: str, tense: str | None) -> str | None:
    timex = normalise(text, dct, kind, tense)
    return timex.value if timex else "-"  # "-" in the table: not a temporal expression


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


def test_table_is_at_least_95_percent_exact() -> None:
    right = [row for row in ROWS if _value(*row[:4]) == row[4]]
    assert len(right) / len(ROWS) >= 0.95, [r for r in ROWS if r not in right]


@pytest.mark.parametrize(
    ("text", "dct", "kind", "tense", "expected"), ROWS, ids=[f"{r[0]}@{r[1]}" for r in ROWS]
)
def test_row(text: str, dct: str | None, kind: str, tense: str | None, expected: str) -> None:
    assert _value(text, dct, kind, tense) == expected


@pytest.mark.parametrize(("passage", "expected"), NARRATIVE, ids=[p[:30] for p, _ in NARRATIVE])
def test_narrative_anaphora_chains(passage: str, expected: list[str]) -> None:
    assert [t.value for t in tag(passage, None, "encyclopedia") if t.type != "DURATION"] == expected
