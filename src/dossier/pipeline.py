"""The one module that composes every stage: read → annotate → store → link.

``build`` streams sources into the store in batches (one transaction each): a document
already stored (same text) is neither annotated nor stored again, a refused source is
recorded and the batch goes on, and the cross-document view is re-linked at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.errors import IngestError
from dossier.ingest import IngestOptions, iter_sources, read_source
from dossier.models import AnnotatedDocument, Document, Published, Refusal
from dossier.store import SQLiteStore, Store

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

#: documents per annotate/store batch: one transaction each (a crash loses at most one batch
#: of work, never stored data)
DEFAULT_BATCH_SIZE = 32


@dataclass(slots=True)
class BuildReport:
    added: int = 0
    versions: int = 0
    skipped: int = 0
    refused: list[Refusal] = field(default_factory=list)
    documents: int = 0
    """Current documents in the store after the build."""

    @property
    def ok(self) -> bool:
        return not self.refused


ProgressCallback = Callable[[str], None]


def build(
    sources: Iterable[str],
    store: Store,
    *,
    model: str | None = None,
    options: IngestOptions | None = None,
    published: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_document: ProgressCallback | None = None,
) -> BuildReport:
    """Read, annotate, store and link ``sources`` into ``store``.

    Args:
        sources: files, folders (walked recursively) and glob patterns.
        store: where the dossier lives.
        model: the spaCy pipeline to annotate with (any installed one; see
            ``dossier.annotate.load_model``).
        options: ingest options (size limit, forced kind).
        published: the publication date of the source(s), when the user knows it.
        batch_size: documents per transaction.
        on_document: called with each source path once it has been handled.

    Returns:
        What was added, skipped as already stored, and refused (with reasons).
    """
    options = options or IngestOptions()
    report = BuildReport()
    annotator = _LazyAnnotator(model)
    seen: set[str] = set()
    pending: list[Document] = []
    refusals: list[Refusal] = []

    def flush() -> None:
        records = list(annotator.annotate(pending)) if pending else []
        written = store.write_batch(records, refusals)
        report.added += written.added
        report.versions += written.versions
        report.skipped += written.skipped
        report.refused.extend(refusals)
        pending.clear()
        refusals.clear()

    for item in _documents(sources, options, published):
        if isinstance(item, IngestError):
            logger.warning("refused %s", item)
            refusals.append(Refusal(item.path, item.reason))
            path = item.path
        else:
            path = item.path
            if item.id in seen or store.has_document(item.id):
                report.skipped += 1
            else:
                seen.add(item.id)
                pending.append(with_dateline(item))
        if len(pending) >= batch_size or len(refusals) >= batch_size:
            flush()
        if on_document:
            on_document(path)
    flush()
    relink(store)
    report.documents = store.counts()["documents"]
    return report


def add_documents(
    documents: Iterable[Document], store: Store, *, model: str | None = None, nlp: Language | None = None
) -> BuildReport:
    """Annotate, store and link documents already read (e.g. posted to the API).

    Args:
        documents: documents from ``dossier.ingest``.
        store: where the dossier lives.
        model: the spaCy pipeline to load when ``nlp`` is not given.
        nlp: an already built pipeline (``dossier.annotate.build_pipeline``), reused across calls.
    """
    report = BuildReport()
    documents = list(documents)
    fresh = [with_dateline(d) for d in documents if not store.has_document(d.id)]
    report.skipped = len(documents) - len(fresh)
    if fresh:
        annotator = _LazyAnnotator(model, nlp)
        written = store.write_batch(list(annotator.annotate(fresh)))
        report.added, report.versions = written.added, written.versions
        report.skipped += written.skipped
        relink(store)
    report.documents = store.counts()["documents"]
    return report


def relink(store: Store) -> None:
    """Recompute the cross-document view over every current document."""
    from dossier.link import link

    store.write_links(link(list(store.iter_records())))


def _documents(
    sources: Iterable[str], options: IngestOptions, published: str | None
) -> Iterator[Document | IngestError]:
    for source in iter_sources(sources, options, published=published):
        if isinstance(source, IngestError):
            yield source
        else:
            yield from read_source(source, options)


def with_dateline(document: Document) -> Document:
    """A document without a metadata date gets the date its dateline gives, if any."""
    if document.published.value is not None:
        return document
    try:
        from dossier.temporal import find_dateline
    except ImportError:  # the temporal package has not landed in this build
        return document
    found = find_dateline(document.text)
    if not found:
        return document
    value, explanation = found
    return replace(document, published=Published(value, "text", explanation))


class _LazyAnnotator:
    """Loads the spaCy pipeline only when there is something new to annotate."""

    def __init__(self, model: str | None, nlp: Language | None = None) -> None:
        self.model = model
        self._nlp = nlp

    def annotate(self, documents: list[Document]) -> Iterator[AnnotatedDocument]:
        from dossier.annotate import annotate, build_pipeline

        if self._nlp is None:
            self._nlp = build_pipeline(self.model)
        return annotate(documents, self._nlp)


def open_store(db: str | Path | Store, *, read_only: bool = False) -> Store:
    """A store for a path (SQLite), or the store itself."""
    if isinstance(db, (str, Path)):
        return SQLiteStore(db, read_only=read_only)
    return db
