"""``MemoryStore``: the in-memory double of ``SQLiteStore``, with the same contract."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from types import TracebackType
from typing import Self

from dossier.errors import NotFound, QueryError, StaleView
from dossier.models import (
    AnnotatedDocument,
    Document,
    Duplicate,
    EventMention,
    LinkPatch,
    LinkResult,
    Refusal,
)
from dossier.store.base import SearchHit, WriteReport, only_parts


class MemoryStore:
    """Keeps everything in dictionaries; nothing survives ``close``."""

    def __init__(self) -> None:
        self._records: dict[str, AnnotatedDocument] = {}
        self._current: dict[str, str] = {}  # path -> id of its current version
        self._versions: dict[str, int] = {}  # path -> latest version number
        self._refusals: list[Refusal] = []
        self._duplicates: list[Duplicate] = []
        self._signatures: dict[str, bytes] = {}
        self._links = LinkResult()

    def write_batch(
        self,
        records: Sequence[AnnotatedDocument],
        refusals: Sequence[Refusal] = (),
        duplicates: Sequence[Duplicate] = (),
        signatures: Mapping[str, bytes] | None = None,
    ) -> WriteReport:
        added = versions = skipped = 0
        staged = dict(self._records)
        current, numbers = dict(self._current), dict(self._versions)
        for record in records:
            doc = record.document
            if doc.id in staged:
                skipped += 1
                continue
            versions += doc.path in numbers
            added += doc.path not in numbers
            numbers[doc.path] = numbers.get(doc.path, 0) + 1
            current[doc.path] = doc.id
            staged[doc.id] = record
        self._records, self._current, self._versions = staged, current, numbers
        for doc_id, signature in (signatures or {}).items():
            if doc_id in staged:
                self._signatures[doc_id] = signature
        self._refusals.extend(r for r in dict.fromkeys(refusals) if r not in self._refusals)
        known = {d.path for d in self._duplicates}
        for d in duplicates:
            if d.path not in known:
                self._duplicates.append(d)
                known.add(d.path)
        return WriteReport(added=added + versions, versions=versions, skipped=skipped)

    def write_links(self, result: LinkResult) -> None:
        self._links = result

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._records

    def get_document(self, doc_id: str) -> Document:
        try:
            return self._records[doc_id].document
        except KeyError:
            raise NotFound(f"no document with id {doc_id!r}") from None

    def document_ids(self) -> list[str]:
        live = set(self._current.values())
        return [doc_id for doc_id in self._records if doc_id in live]

    def iter_records(
        self, *, ids: Sequence[str] | None = None, parts: Collection[str] | None = None
    ) -> Iterator[AnnotatedDocument]:
        for doc_id in self.document_ids() if ids is None else ids:
            yield self._records[doc_id] if parts is None else only_parts(self._records[doc_id], parts)

    def read_links(self, *, mentions_of: Collection[str] | None = None) -> LinkResult:
        if mentions_of is None:
            return replace(self._links)
        return replace(self._links, mentions=self.read_event_mentions(mentions_of))

    def read_event_mentions(self, ids: Collection[str] | None = None) -> tuple[EventMention, ...]:
        if ids is None:
            return self._links.mentions
        docs = set(ids)
        return tuple(m for m in self._links.mentions if m.doc in docs)

    def patch_links(self, patch: LinkPatch) -> None:
        if self._links.basis != patch.base:
            raise StaleView("the view was linked again since this patch was made")
        self._links = patch.apply(self._links)

    def link_basis(self) -> str:
        return self._links.basis

    def link_coverage(self) -> tuple[int, tuple[str, ...]]:
        return len(self._links.linked), self._links.incremental

    def duplicates(self) -> list[Duplicate]:
        return list(self._duplicates)

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        live = set(self._current.values())
        yield from ((k, v) for k, v in self._signatures.items() if k in live)

    def refusals(self) -> list[Refusal]:
        return list(self._refusals)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        if query.count('"') % 2 or not query.strip():
            raise QueryError(f"bad search query {query!r}: unbalanced quotes or empty")
        terms = [t.casefold() for t in re.findall(r"\w+", query)]
        hits = []
        for record in self.iter_records():
            for s in record.sentences:
                words = {w.casefold() for w in re.findall(r"\w+", s.text)}
                if all(t in words for t in terms):
                    hits.append(SearchHit(record.document.id, s.start, s.end, s.text, s.text))
        return hits[:limit]

    def counts(self) -> dict[str, int]:
        live = list(self.iter_records())
        out = {
            "documents": len(live),
            "versions": len(self._records) - len(live),
            "sentences": sum(len(r.sentences) for r in live),
        }
        for part in ("mentions", "timexes", "places", "claims", "quotes"):
            out[part] = sum(len(getattr(r, part)) for r in self._records.values())
        out |= {
            "entities": len(self._links.entities),
            "events": len(self._links.events),
            "conflicts": len(self._links.conflicts),
            "duplicates": len(self._duplicates),
            "refusals": len(self._refusals),
        }
        return out

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
