"""The Python API: ``dossier.build(sources, db=...)`` and ``dossier.open(db)``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from dossier.ingest import IngestOptions
from dossier.models import AnnotatedDocument, LinkResult
from dossier.pipeline import BuildReport, open_store
from dossier.pipeline import build as _build
from dossier.store import Store


def build(
    sources: Iterable[str] | str,
    db: str | Path | Store,
    *,
    model: str | None = None,
    jobs: int = 1,
    published: str | None = None,
    options: IngestOptions | None = None,
) -> BuildReport:
    """Build (or extend) the dossier in ``db`` from ``sources``.

    Args:
        sources: a path, folder or glob, or several.
        db: the SQLite file to create or extend (or any ``Store``).
        model: the spaCy pipeline to use (any installed one).
        jobs: worker processes for annotation (1: in this process).
        published: the sources' publication date, when known (ISO date).
        options: ingest options.

    Returns:
        A report of what was added, skipped and refused.
    """
    if isinstance(sources, (str, Path)):
        sources = [str(sources)]
    store = open_store(db)
    try:
        return _build(sources, store, model=model, jobs=jobs, options=options, published=published)
    finally:
        if store is not db:
            store.close()


class Dossier:
    """A built dossier, read-only: what the exports, the report and the API read."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def records(self) -> list[AnnotatedDocument]:
        return list(self.store.iter_records())

    def links(self) -> LinkResult:
        return self.store.read_links()

    def export(self) -> dict[str, Any]:
        """The ``dossier.export/1`` JSON object."""
        from dossier.present.export import build_export

        return build_export(self.store)

    def render(self, fmt: str) -> str:
        """The dossier in an export format (``json``, …; see ``dossier.registry.renderers``)."""
        from dossier.present.renderers import render

        return render(self, fmt)

    def report(self, out: str | Path) -> Path:
        """Write the self-contained HTML report to ``out``."""
        from dossier.present.report import write_report

        return write_report(self, Path(out))

    def info(self) -> dict[str, Any]:
        linked, incremental = self.store.link_coverage()
        return {
            "counts": self.store.counts(),
            "refusals": self.store.refusals(),
            "link": {"documents": linked, "added_incrementally": len(incremental)},
        }

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open(db: str | Path | Store) -> Dossier:  # noqa: A001  (the API's name for it)
    """Open a built dossier for reading."""
    return Dossier(open_store(db, read_only=isinstance(db, (str, Path))))
