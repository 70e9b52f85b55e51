"""Check one row of ``table.yaml`` against the pipeline's claims and quotes (shared by the
table test and anyone printing the table's failures)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from dossier.models import Claim, Quote, Speaker

TABLE = Path(__file__).with_name("table.yaml")


def load_table() -> list[dict[str, Any]]:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def _tokens(name: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (name or "").casefold())


def same_speaker(expected: str | None, speaker: Speaker | None) -> bool:
    """The expected name's last word is among the speaker's words (None: no speaker)."""
    if expected is None:
        return speaker is None
    return speaker is not None and _tokens(expected)[-1] in _tokens(speaker.name)


def _claim_ok(want: dict[str, Any], c: Claim) -> bool:
    if "value" in want and c.value != want["value"]:
        return False
    for key in ("low", "high"):
        if key in want and getattr(c, key) != want[key]:
            return False
    if "unit" in want and (c.unit is None or want["unit"].lower() not in c.unit.lower()):
        return False
    if "qualifier" in want and c.qualifier != want["qualifier"]:
        return False
    if "about" in want and c.about != want["about"]:
        return False
    if "by" in want and not same_speaker(want["by"], c.attributed_to):
        return False
    if "hedged" in want and c.hedged != want["hedged"]:
        return False
    return "hedge" not in want or (c.hedge is not None and want["hedge"] in c.hedge)


def _quote_ok(want: dict[str, Any], q: Quote) -> bool:
    if not q.text.startswith(want["starts"]):
        return False
    if "speaker" in want and not same_speaker(want["speaker"], q.speaker):
        return False
    return "direct" not in want or q.direct == want["direct"]


def check_row(nlp: Language, row: dict[str, Any]) -> list[str]:
    """What is wrong with the pipeline's output on one row (empty: right)."""
    doc = nlp(row["text"])
    claims = [s._.dossier_record for s in doc.spans.get("dossier_quantities", [])]
    quotes = [s._.dossier_record for s in doc.spans.get("dossier_quotes", [])]
    problems = []
    for want in row.get("claims", []):
        if not any(_claim_ok(want, c) for c in claims):
            problems.append(f"claim {want} not found in {claims}")
    if row.get("only") and len(claims) != len(row.get("claims", [])):
        problems.append(f"extra claims: {claims}")
    if row.get("no_claims") and claims:
        problems.append(f"claims where none are: {claims}")
    for want in row.get("quotes", []):
        if not any(_quote_ok(want, q) for q in quotes):
            problems.append(f"quote {want} not found in {quotes}")
    if "quotes" in row and not row["quotes"] and [q for q in quotes if q.direct]:
        problems.append(f"quotes where none are: {quotes}")
    return problems
