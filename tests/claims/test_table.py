"""The who-claimed-what table (``table.yaml``): at least 95% of its rows right."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.claims.table import check_row, load_table

ROWS = load_table()


def test_table_is_big_enough_and_covers_every_case() -> None:
    assert len(ROWS) >= 60
    kinds = Counter()
    for row in ROWS:
        kinds["claims"] += bool(row.get("claims"))
        kinds["no_claims"] += bool(row.get("no_claims"))
        kinds["quotes"] += bool(row.get("quotes"))
        kinds["hedges"] += any("hedged" in c for c in row.get("claims", []))
        kinds["ranges"] += any("low" in c and "high" in c for c in row.get("claims", []))
    assert min(kinds.values()) >= 5, kinds


@pytest.mark.slow
def test_table_rows_are_at_least_95_percent_right(nlp: Any) -> None:
    failures = {row["text"]: problems for row in ROWS if (problems := check_row(nlp, row))}
    share = 1 - len(failures) / len(ROWS)
    assert share >= 0.95, "\n".join(f"{t}\n  {p}" for t, p in failures.items())
