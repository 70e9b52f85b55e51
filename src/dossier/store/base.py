"""The ``Store`` seam: what the pipeline, exports, report and API need of storage.

Small enough to fake: ``MemoryStore`` is the in-memory double most tests use, and both
implementations pass the same contract tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from types import TracebackType
from typing import Any, Protocol, Self

from dossier.models import (
    AnnotatedDocument,
    Document,
    Duplicate,
    EventMention,
    LinkPatch,
    LinkResult,
    Refusal,
)

#: The parts of an ``AnnotatedDocument`` besides its document, which a reader may skip.
RECORD_PARTS = tuple(f.name for f in fields(AnnotatedDocument) if f.name != "document")


def only_parts(record: AnnotatedDocument, parts: Collection[str]) -> AnnotatedDocument:
    """``record`` with the parts not named in ``parts`` left empty."""
    empty: dict[str, Any] = {p: () for p in RECORD_PARTS if p not in parts}
    return replace(record, **empty)


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc: str
    start: int
    end: int
    text: str
    snippet: str


@dataclass(frozen=True, slots=True)
class WriteReport:
    added: int
    versions: int
    """Documents stored as a new version of a path already in the store."""
    skipped: int
    """Documents already stored (same text)."""


class Store(Protocol):
    def write_batch(
        self,
        records: Sequence[AnnotatedDocument],
        refusals: Sequence[Refusal] = (),
        duplicates: Sequence[Duplicate] = (),
        signatures: Mapping[str, bytes] | None = None,
    ) -> WriteReport:
        """Store annotated documents, refused inputs, duplicate sources and the new documents'
        MinHash signatures in one transaction. Refusals and duplicates are recorded once."""
        ...

    def write_links(self, result: LinkResult) -> None:
        """Replace the cross-document view with ``result``."""
        ...

    def has_document(self, doc_id: str) -> bool: ...

    def document_ids(self) -> list[str]:
        """The ids of the current documents, in the order they were added (no texts read)."""
        ...

    def get_document(self, doc_id: str) -> Document:
        """Raises NotFound for an unknown id."""
        ...

    def iter_records(
        self, *, ids: Sequence[str] | None = None, parts: Collection[str] | None = None
    ) -> Iterator[AnnotatedDocument]:
        """The current version of every document, in the order they were added, read one at
        a time; with ``ids``, the records of those documents in that order (a fixed set:
        what is added meanwhile is not read); with ``parts`` (names of ``RECORD_PARTS``)
        only those are read, the others left empty."""
        ...

    def read_links(self, *, mentions_of: Collection[str] | None = None) -> LinkResult:
        """The cross-document view; with ``mentions_of``, only those documents'
        predicate-level event mentions (an incremental link reads no more)."""
        ...

    def read_event_mentions(self, ids: Collection[str] | None = None) -> tuple[EventMention, ...]:
        """The view's predicate-level event mentions (of the documents ``ids``), in text order."""
        ...

    def patch_links(self, patch: LinkPatch) -> None:
        """Change the stored view as ``patch`` says, in one transaction (``patch.apply``),
        touching only the rows it changes. Raises ``StaleView`` (and changes nothing) unless
        the stored view is still the one the patch extends (``patch.base``)."""
        ...

    def link_basis(self) -> str:
        """The ``basis`` of the stored cross-document view ('' before any), without reading the view."""
        ...

    def link_coverage(self) -> tuple[int, tuple[str, ...]]:
        """(documents the stored view covers, the ids of those added to it incrementally
        since its last full link), without reading the view."""
        ...

    def refusals(self) -> list[Refusal]: ...

    def duplicates(self) -> list[Duplicate]:
        """Sources stored as copies of a document instead of being annotated again."""
        ...

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(document id, MinHash signature bytes) of every current document."""
        ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over sentences. Raises QueryError on a malformed query."""
        ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None: ...
