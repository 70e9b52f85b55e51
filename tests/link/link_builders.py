"""Builders of hand-made records for the link tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossier.models import AnnotatedDocument, Claim, Document, Geo, Mention, Place, Published, Sentence, Speaker, Timex


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """Naive sentence split on '. ' for hand-built texts."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?:\s+|$)", text):
        end = m.start() + 1
        if text[start:end].strip():
            out.append(Sentence(start, end, text[start:end]))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append(Sentence(start, len(text), text[start:]))
    return tuple(out)


def spans(text: str, name: str) -> list[tuple[int, int]]:
    """Every occurrence of ``name`` in ``text`` as (start, end), whole words only."""
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def make_record(
    doc_id: str,
    text: str,
    *,
    names: dict[str, str] | None = None,
    places: dict[str, Geo | None] | None = None,
    place_types: dict[str, str] | None = None,
    dates: dict[str, str] | None = None,
    claims: Iterable[Claim] = (),
    meta: dict | None = None,
    published: str | None = None,
) -> AnnotatedDocument:
    """A record whose mentions/places/timexes are every occurrence of the given strings.

    Longer names are matched first, and a shorter name inside a longer one is skipped.
    """
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    mentions = []
    for name, typ in sorted((names or {}).items(), key=lambda kv: -len(kv[0])):
        for s, e in spans(text, name):
            if free(s, e):
                taken.append((s, e))
                mentions.append(Mention(s, e, name, typ, typ))
    place_recs = []
    for name, geo in sorted((places or {}).items(), key=lambda kv: -len(kv[0])):
        for s, e in spans(text, name):
            if free(s, e):
                taken.append((s, e))
                place_recs.append(Place(s, e, name, (place_types or {}).get(name, "GPE"), geo))
    timexes = []
    for expr, value in (dates or {}).items():
        for s, e in spans(text, expr):
            timexes.append(Timex(s, e, expr, "DATE", value, None, "absolute"))
    document = Document(
        id=doc_id, path=f"{doc_id}.txt", text=text, meta=meta or {},
        published=Published(published, "metadata" if published else "unknown"),
    )
    return AnnotatedDocument(
        document=document,
        sentences=sentences_of(text),
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
        timexes=tuple(sorted(timexes, key=lambda t: t.start)),
        places=tuple(sorted(place_recs, key=lambda p: p.start)),
        claims=tuple(claims),
    )


def claim_in(text: str, sentence: str, value: float | None, unit: str, about: str, *,
             low: float | None = None, high: float | None = None, who: str | None = None,
             qualifier: str | None = None) -> Claim:
    """A claim on the sentence of ``text`` that contains ``sentence``."""
    start = text.index(sentence)
    return Claim(start, start + len(sentence), sentence, value, low, high, unit, about, qualifier,
                 Speaker(who) if who else None)


def geo(gid: str, lat: float = 0.0, lon: float = 0.0, feature: str = "city") -> Geo:
    return Geo(lat, lon, gid, feature, "XX")
