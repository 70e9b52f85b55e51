"""Shared helpers for the seed tests: the seed documents as the ingest stage hands them over."""

from __future__ import annotations

import json
import re

from dossier.models import Document
from tests.conftest import SHARED  # noqa: E402  (honours DOSSIER_SHARED)

SEEDS = SHARED / "seeds"
GOLD = SHARED / "golden" / "kherson"
NBC = "000_98fe06d4e4987fd0.txt"
WIKI = "003_7dc248ae151fc47b.txt"


def markdown_to_text(raw: str) -> str:
    """Front matter removed, Markdown stripped to plain text (headings as lines)."""
    if raw.startswith("---"):
        raw = raw[raw.index("\n---", 3) + 4 :]
    lines = []
    for line in raw.strip().splitlines():
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
        line = line.replace("**", "").replace("*", "") if not line.lstrip().startswith("* ") else line
        lines.append(line)
    return "\n".join(lines)


def seed_documents() -> list[Document]:
    """The NBC article (undated news) and the Wikipedia article (encyclopedia)."""
    nbc = (SEEDS / NBC).read_text(encoding="utf-8")
    wiki = markdown_to_text((SEEDS / WIKI).read_text(encoding="utf-8"))
    return [
        Document(id="nbc", path=NBC, text=nbc, kind="news", outlet="NBC News"),
        Document(id="wiki", path=WIKI, text=wiki, kind="encyclopedia", outlet="Wikipedia"),
    ]


def gold_timexes() -> list[dict[str, str]]:
    return list(json.loads((GOLD / "gold.json").read_text(encoding="utf-8"))["timexes"])


def fold(text: str) -> str:
    table = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
    )
    return re.sub(r"\s+", " ", text.translate(table).replace("*", ""))


def timex_value_f1(
    records: dict[str, tuple[list[tuple[int, int, str, str | None]], str, str]],
) -> dict[str, float]:
    """The scorer's timex measure: a prediction overlapping the gold span, value compared.

    Args:
        records: file name -> (timexes as (start, end, type, value), document text).
    """
    right = found = 0
    gold = gold_timexes()
    for g in gold:
        timexes, text, _ = records[g["file"]]
        folded = fold(text)
        assert len(folded) == len(text) or True
        at = fold(text).find(fold(g["context"]))
        assert at >= 0, g["context"]
        # map folded offset back: fold only shrinks whitespace runs, so search the raw text
        raw_at = _locate(text, g["context"])
        inner = raw_at + fold(text[raw_at:]).find(fold(g["text"]))
        span = (inner, inner + len(g["text"]))
        over = [t for t in timexes if t[0] < span[1] and span[0] < t[1] and t[2] != "SET"]
        if over:
            found += 1
            best = max(over, key=lambda t: min(t[1], span[1]) - max(t[0], span[0]))
            right += _canon(best[3]) == _canon(g["value"])
    predicted = sum(1 for ts, _, _ in records.values() for t in ts if t[2] != "SET")
    p, r = right / max(predicted, 1), right / len(gold)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "found": found / len(gold),
    }


def _locate(text: str, context: str) -> int:
    pattern = r"\s+".join(re.escape(w) for w in fold(context).split())
    m = re.search(pattern, fold_keep_length(text))
    assert m, context
    return m.start()


def fold_keep_length(text: str) -> str:
    table = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
    )
    return text.translate(table)


def _canon(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().upper()
    v = re.sub(r"(T\d\d:\d\d(:\d\d)?)(Z|[+-]\d\d:?\d\d)$", r"\1", v)
    return re.sub(r"(T\d\d:\d\d):00$", r"\1", v)
