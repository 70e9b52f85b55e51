"""The link stage: cross-document work over annotated records.

``link(records)`` merges entities across documents, clusters dated event mentions into one
timeline, compares claims into conflicts, and — through the date and geo components when
they are installed — infers publication dates, re-anchors time expressions and checks
stated distances. Plain functions over records: deterministic and independent of the
order the records come in. No spaCy here.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import ModuleType

from dossier.link.conflicts import find_conflicts
from dossier.link.dedup import source_groups
from dossier.link.entities import resolve
from dossier.link.events import cluster_events, event_mentions
from dossier.models import AnnotatedDocument, DistanceCheck, LinkResult, Published, Timex

__all__ = ["link"]

logger = logging.getLogger(__name__)


def _optional(module: str) -> ModuleType | None:
    """Import a sibling component that may not have landed yet."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        if err.name != module:
            raise
        return None


def _published(records: Sequence[AnnotatedDocument]) -> dict[str, Published]:
    dates = _optional("dossier.link.dates")
    if dates is None or not hasattr(dates, "infer_published"):
        return {}
    return dict(dates.infer_published(records))


def _reanchored(records: Sequence[AnnotatedDocument], published: dict[str, Published]) -> dict[str, tuple[Timex, ...]]:
    dates = _optional("dossier.link.dates")
    if dates is None or not hasattr(dates, "reanchor_all"):
        return {}
    out: dict[str, tuple[Timex, ...]] = {}
    for record in records:
        dct = published.get(record.document.id)
        if dct is None or not dct.value:
            continue
        timexes = tuple(dates.reanchor_all(record, dct))
        if timexes != record.timexes:
            out[record.document.id] = timexes
    return out


def _distance_checks(records: Sequence[AnnotatedDocument]) -> tuple[DistanceCheck, ...]:
    geocheck = _optional("dossier.link.geocheck")
    if geocheck is None or not hasattr(geocheck, "check_distances"):
        return ()
    checks = [c for r in records for c in geocheck.check_distances(r)]
    return tuple(sorted(checks, key=lambda c: (c.doc, c.start, c.end, c.origin, c.target)))


def link(
    records: Sequence[AnnotatedDocument], *, signatures: Mapping[str, bytes] | None = None
) -> LinkResult:
    """Link annotated documents into one cross-document view.

    Args:
        records: the annotated documents, in any order (each document id once).
        signatures: MinHash signatures stored at ingest, by document id (the others are
            computed here); they decide which documents are copies of one source.

    Returns:
        Entities merged across documents, the clustered timeline, conflicts between
        claims, inferred publication dates, re-anchored timexes and distance checks.
    """
    ordered = sorted(records, key=lambda r: r.document.id)
    published = _published(ordered)
    timexes = _reanchored(ordered, published)
    index = resolve(ordered)
    sources = source_groups(ordered, signatures=signatures)
    events = cluster_events(ordered, index, timexes=timexes, sources=sources, published=published)
    conflicts = find_conflicts(
        ordered, index, sources=sources, published=published, timexes=timexes, events=events
    )
    result = LinkResult(
        entities=index.entities,
        events=events,
        conflicts=conflicts,
        published=published,
        distance_checks=_distance_checks(ordered),
        timexes=timexes,
    )
    # predicate-level mentions (what happened, who, where, when), from records with predicates
    return replace(result, mentions=event_mentions(ordered, result))
