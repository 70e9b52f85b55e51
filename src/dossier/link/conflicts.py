"""Claims compared across documents: conflicts and corroboration (filled in below)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dossier.link.entities import EntityIndex
from dossier.models import AnnotatedDocument, Conflict, Published, Timex


def find_conflicts(
    records: Sequence[AnnotatedDocument],
    index: EntityIndex,
    *,
    sources: Mapping[str, str],
    published: Mapping[str, Published],
    timexes: Mapping[str, tuple[Timex, ...]],
) -> tuple[Conflict, ...]:
    """Conflicts between claims about the same quantity."""
    return ()
