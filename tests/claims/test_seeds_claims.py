"""Golden test: claims and quotes of the two seed documents against ``golden/kherson``.

The four figures are computed here from ``gold.json`` the way ``shared/eval/score.py``
matches them: a claim by its sentence (overlap) and its value or low/high, its source by
name tokens (the outlet's own claims must carry no other source); a quote by overlapping its
first words, its speaker by name tokens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest

from dossier.ingest import read_path
from dossier.models import Claim, Quote
from tests.conftest import GOLD, NBC_SEED, WIKI_SEED

FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)
STOP = {"the", "a", "an", "of", "for", "and", "in", "on", "s"}


def _fold(text: str) -> tuple[str, list[int]]:
    """Text with quotes, dashes, Markdown marks and spaces folded; folded index -> original."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(FOLD):
            if c in "*#|_`":
                continue
            if c.isspace():
                if space:
                    continue
                c, space = " ", True
            else:
                space = False
            out.append(c)
            where.append(i)
    return "".join(out), where


def locate(text: str, needle: str) -> tuple[int, int] | None:
    folded, where = _fold(text)
    n = _fold(needle)[0].strip()
    at = folded.find(n)
    return None if at < 0 else (where[at], where[at + len(n) - 1] + 1)


def name_tokens(name: str | None) -> list[str]:
    return [t for t in re.findall(r"[a-z0-9]+", _fold(name or "")[0].casefold()) if t not in STOP]


def same_name(gold: str, predicted: str | None) -> bool:
    g, p = name_tokens(gold), set(name_tokens(predicted))
    if not g or not p:
        return False
    return g[-1] in p or len(set(g) & p) >= max(1, (len(set(g)) + 1) // 2)


@pytest.fixture(scope="module")
def seeds(nlp: Any) -> dict[str, tuple[str, list[Claim], list[Quote]]]:
    out = {}
    for path in (NBC_SEED, WIKI_SEED):
        document = read_path(path)
        doc = nlp(document.text)
        claims = [s._.dossier_record for s in doc.spans["dossier_quantities"]]
        quotes = [s._.dossier_record for s in doc.spans["dossier_quotes"]]
        out[path.name] = (document.text, claims, quotes)
    return out


def attributed(c: Claim, gold: str, outlet: str | None) -> bool:
    """The claim's source matches the gold one (an outlet's own claim must carry no other)."""
    who = c.attributed_to.name if c.attributed_to else None
    if gold == outlet:
        return not who or same_name(gold, who)
    return bool(who) and same_name(gold, who)


def claim_figures(seeds: dict[str, Any]) -> tuple[float, float]:
    gold = json.loads((GOLD / "gold.json").read_text())
    outlets = {d["file"]: d.get("outlet") for d in json.loads((GOLD / "docs.json").read_text())}
    value_hits = source_hits = 0
    for g in gold["claims"]:
        text, claims, _ = seeds[g["file"]]
        span = locate(text, g["sentence"])
        assert span is not None, g["sentence"]
        near = [c for c in claims if c.start < span[1] and span[0] < c.end]
        if g["value"] is not None:
            good = [c for c in near if c.value == g["value"]]
        else:
            good = [c for c in near if (c.low, c.high) == (g["low"], g["high"])]
        value_hits += bool(good)

        source_hits += any(attributed(c, g["attributed_to"], outlets[g["file"]]) for c in good)
    n = len(gold["claims"])
    return value_hits / n, source_hits / n


def quote_figures(seeds: dict[str, Any]) -> tuple[float, float]:
    gold = json.loads((GOLD / "gold.json").read_text())
    found = right = 0
    for g in gold["quotes"]:
        text, _, quotes = seeds[g["file"]]
        span = locate(text, g["quote_start"])
        assert span is not None, g["quote_start"]
        near = [q for q in quotes if q.start < span[1] and span[0] < q.end]
        found += bool(near)
        right += any(same_name(g["speaker"], q.speaker.name if q.speaker else None) for q in near)
    n = len(gold["quotes"])
    return found / n, right / n


@pytest.mark.slow
def test_seed_claims_reach_the_issue_targets(seeds: dict[str, Any]) -> None:
    value_recall, source_recall = claim_figures(seeds)
    assert value_recall >= 0.9
    assert source_recall >= 0.85


@pytest.mark.slow
def test_seed_quotes_reach_the_issue_targets(seeds: dict[str, Any]) -> None:
    recall, speaker_accuracy = quote_figures(seeds)
    assert recall >= 0.9
    assert speaker_accuracy >= 0.9


@pytest.mark.slow
def test_seed_records_point_into_the_text(seeds: dict[str, Any]) -> None:
    for text, claims, quotes in seeds.values():
        assert claims and quotes
        for c in claims:
            assert text[c.start : c.end] == c.text
            assert c.number_start is not None and c.number_end is not None
            assert c.start <= c.number_start < c.number_end <= c.end
        for q in quotes:
            assert text[q.start : q.end] == q.text


@pytest.mark.slow
def test_seed_dates_and_names_are_not_claims(seeds: dict[str, Any]) -> None:
    text, claims, _ = seeds[WIKI_SEED.name]
    numbers = {text[c.number_start : c.number_end] for c in claims}
    assert not any(re.search(r"\b(?:2022|2014|18th|11 November|1 October)\b", n) for n in numbers)
    nbc_text, nbc_claims, _ = seeds[NBC_SEED.name]
    assert not any("a.m." in nbc_text[c.number_start : c.number_end] for c in nbc_claims)
    assert not any(c.value == 24 for c in nbc_claims)  # "Feb. 24"
