"""Every offset a dossier stores, checked against its document's text."""

from __future__ import annotations

from collections.abc import Iterable

from dossier.models import AnnotatedDocument, LinkResult

PARTS = ("sentences", "mentions", "timexes", "places", "claims", "quotes")


def span_problems(records: Iterable[AnnotatedDocument], links: LinkResult | None = None) -> list[str]:
    """Each fact whose ``text[start:end]`` is not its text (or whose offsets leave the text).

    Covers sentences, entity mentions, timexes, places, claims (and their number and
    speaker offsets), quotes (and speakers), and from the link stage: entities' mentions,
    events' evidence, re-anchored timexes and distance checks.
    """
    problems: list[str] = []
    texts: dict[str, str] = {}

    def bounded(where: str, text: str, start: int | None, end: int | None) -> None:
        if start is None and end is None:
            return
        if start is None or end is None or not 0 <= start <= end <= len(text):
            problems.append(f"{where}: offsets {start}-{end} outside a text of {len(text)}")

    def exact(where: str, text: str, start: int, end: int, fact: str) -> None:
        if not 0 <= start <= end <= len(text):
            problems.append(f"{where}: offsets {start}-{end} outside a text of {len(text)}")
        elif text[start:end] != fact:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, the fact says {fact!r}")

    for record in records:
        doc = record.document
        texts[doc.id] = doc.text
        for part in PARTS:
            for i, fact in enumerate(getattr(record, part)):
                where = f"{doc.path} {part}[{i}]"
                exact(where, doc.text, fact.start, fact.end, fact.text)
                speaker = getattr(fact, "speaker", None) or getattr(fact, "attributed_to", None)
                if speaker is not None:
                    bounded(where + ".speaker", doc.text, speaker.start, speaker.end)
                if part == "claims":
                    bounded(where + ".number", doc.text, fact.number_start, fact.number_end)
    if links is None:
        return problems
    for entity in links.entities:
        for ev in entity.mentions:
            exact(f"entity {entity.name!r} mention", texts.get(ev.doc, ""), ev.start, ev.end, ev.text)
    for event in links.events:
        for ev in event.evidence:
            exact(f"event {event.id} evidence", texts.get(ev.doc, ""), ev.start, ev.end, ev.text)
    for doc_id, timexes in links.timexes.items():
        for t in timexes:
            exact(f"re-anchored timex in {doc_id}", texts.get(doc_id, ""), t.start, t.end, t.text)
    for check in links.distance_checks:
        exact(f"distance check in {check.doc}", texts.get(check.doc, ""), check.start, check.end, check.text)
    return problems
