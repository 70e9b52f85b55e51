"""Event mentions and their clustering into timeline entries (filled in below)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dossier.link.entities import EntityIndex
from dossier.models import AnnotatedDocument, Event, Published, Timex


def cluster_events(
    records: Sequence[AnnotatedDocument],
    index: EntityIndex,
    *,
    timexes: Mapping[str, tuple[Timex, ...]],
    sources: Mapping[str, str],
    published: Mapping[str, Published],
) -> tuple[Event, ...]:
    """The timeline: one ``Event`` per cluster of dated event mentions."""
    return ()
