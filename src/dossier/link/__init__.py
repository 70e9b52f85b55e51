"""The link stage: cross-document work over annotated records.

``link(records)`` merges entities across documents, clusters dated event mentions into one
timeline, compares claims into conflicts, infers publication dates, re-anchors time
expressions and checks stated distances. Plain functions over records: deterministic and
independent of the order the records come in. No spaCy here.

It reads the records in three passes, each keeping only what later steps need of a
document (its entity nodes, dated sentences, event mentions, comparable claims), so a
store's records are streamed from disk three times and never sit in memory together:

1. publication-date evidence, entity nodes and within-document edges, distance checks,
   MinHash signatures → inferred dates, resolved entities, source groups;
2. re-anchored timexes and event mentions → the timeline;
3. comparable claims, statements, predicate-level mentions → conflicts and mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from datasketch import MinHash

from dossier.link.conflicts import ConflictFinder
from dossier.link.dates import PublishedInference, reanchor_all
from dossier.link.dedup import group_copies, signature_of
from dossier.link.entities import Resolver
from dossier.link.events import PredicateMentions, Timeline
from dossier.link.geocheck import check_distances
from dossier.models import AnnotatedDocument, DistanceCheck, LinkResult, Published, Timex, check_order

__all__ = ["LINK_PASSES", "Reader", "link"]

Reader = Callable[[frozenset[str]], Iterable[AnnotatedDocument]]
"""Called once per pass with the parts of a record the pass reads (``sentences``,
``mentions``, ``timexes``, ``places``, ``claims``, ``quotes``, ``predicates``): gives every
record anew, in document id order; the parts not named may be left empty."""

#: What each pass reads of a record besides its document.
PASS_1 = frozenset({"sentences", "mentions", "timexes", "places"})
PASS_2 = frozenset({"sentences", "timexes"})
PASS_3 = frozenset({"sentences", "timexes", "claims", "quotes", "predicates"})
LINK_PASSES = len((PASS_1, PASS_2, PASS_3))


def link(
    records: Iterable[AnnotatedDocument] | Reader, *, signatures: Mapping[str, bytes] | None = None
) -> LinkResult:
    """Link annotated documents into one cross-document view.

    Args:
        records: the annotated documents, in any order (each document id once); or a
            ``Reader`` that streams them (``lambda parts: store.iter_records(ids=sorted(ids),
            parts=parts)``), so that they are never all in memory.
        signatures: MinHash signatures stored at ingest, by document id (the others are
            computed here); they decide which documents are copies of one source.

    Returns:
        Entities merged across documents, the clustered timeline, conflicts between
        claims, inferred publication dates, re-anchored timexes and distance checks.
    """
    if callable(records):
        read = records
    else:
        ordered = sorted(records, key=lambda r: r.document.id)

        def read(parts: frozenset[str]) -> Iterable[AnnotatedDocument]:
            return ordered

    stored = signatures or {}
    # 1. what needs nothing but the document itself
    inference, resolver = PublishedInference(), Resolver()
    checks: list[DistanceCheck] = []
    sigs: dict[str, MinHash] = {}
    for record in read(PASS_1):
        doc = record.document
        inference.add(record)
        resolver.add(record)
        checks.extend(check_distances(record))
        sigs[doc.id] = signature_of(doc, stored)
    published = inference.finish()
    index = resolver.finish()
    sources = group_copies(sigs)
    del sigs, resolver, inference
    # 2. what needs the documents' dates and the entities: the timeline
    timexes: dict[str, tuple[Timex, ...]] = {}
    timeline = Timeline(index, sources=sources, published=published)
    for record in read(PASS_2):
        anchored = _reanchored(record, published.get(record.document.id))
        if anchored is not None:
            timexes[record.document.id] = anchored
        timeline.add(record, anchored)
    result = LinkResult(
        entities=index.entities,
        events=timeline.finish(),
        published=published,
        distance_checks=tuple(sorted(checks, key=check_order)),
        timexes=timexes,
    )
    # 3. what needs the timeline: conflicts, and predicate-level mentions (what happened,
    # who, where, when) of the records with predicates
    conflicts = ConflictFinder(index, sources=sources, published=published, events=result.events)
    mentions = PredicateMentions(result)
    for record in read(PASS_3):
        conflicts.add(record)
        mentions.add(record)
    return replace(result, conflicts=conflicts.finish(), mentions=mentions.finish())


def _reanchored(record: AnnotatedDocument, dct: Published | None) -> tuple[Timex, ...] | None:
    """The document's timexes re-resolved against its inferred date, when that changes them."""
    if dct is None or not dct.value:
        return None
    timexes = tuple(reanchor_all(record, dct))
    return timexes if timexes != record.timexes else None
