"""The seeds end to end through read → annotate → link: alias merges and false merges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.link import link
from dossier.link.keys import fold

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "golden" / "kherson" / "gold.json"


@pytest.fixture(scope="module")
def seed_result():
    from dossier.annotate import annotate, build_pipeline
    from dossier.ingest import read_path

    documents = [read_path(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    records = list(annotate(documents, build_pipeline()))
    return records, link(records)


def _names(result) -> list[set[str]]:
    return [{" ".join(fold(n).split()) for n in (e.name, *e.aliases, *(m.text for m in e.mentions))}
            for e in result.entities]


@pytest.mark.slow
def test_seed_aliases_merge_and_distinct_things_stay_apart(seed_result) -> None:
    gold = json.loads(GOLD.read_text())
    _, result = seed_result
    names = _names(result)
    merged = sum(any({fold(n) for n in group} <= ns for ns in names) for group in gold["aliases"])
    wrong = [pair for pair in gold["distinct"] if any({fold(n) for n in pair} <= ns for ns in names)]
    assert merged / len(gold["aliases"]) >= 0.8
    assert wrong == []


@pytest.mark.slow
def test_seed_link_is_order_independent(seed_result) -> None:
    records, result = seed_result
    again = link(list(reversed(records)))
    assert again.entities == result.entities
    assert again.events == result.events
    assert again.conflicts == result.conflicts
