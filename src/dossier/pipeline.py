"""The one module that composes every stage: read → annotate → store → link.

``build`` streams sources into the store in batches (one transaction each): a document
already stored (same text) is neither annotated nor stored again, a near-copy of a stored
document is kept as another source of it, a refused source is recorded and the batch goes
on, and the cross-document view is re-linked at the end. A build that is interrupted and
run again picks up where it stopped: what was committed is skipped, the rest is done.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import __version__
from dossier.errors import IngestError, StaleView
from dossier.ingest import IngestOptions, iter_sources, read_source
from dossier.link.dedup import signature, to_bytes
from dossier.models import AnnotatedDocument, Document, Duplicate, LinkResult, Published, Refusal
from dossier.scale.dedup import NearDuplicates
from dossier.scale.local import Annotator
from dossier.store import SQLiteStore, Store
from dossier.store.sqlite import encode_record
from dossier.temporal import find_dateline

if TYPE_CHECKING:
    from spacy.language import Language

    from dossier.link import Reader

logger = logging.getLogger(__name__)

#: documents per annotate/store batch: one transaction each (a crash loses at most the
#: batches in flight, never stored data)
DEFAULT_BATCH_SIZE = 32


@dataclass(slots=True)
class BuildReport:
    added: int = 0
    versions: int = 0
    skipped: int = 0
    duplicates: int = 0
    """Sources stored as copies of a document rather than annotated again."""
    refused: list[Refusal] = field(default_factory=list)
    documents: int = 0
    """Current documents in the store after the build."""

    @property
    def ok(self) -> bool:
        return not self.refused


ProgressCallback = Callable[[str], None]


@dataclass(slots=True)
class Batch:
    """What goes into one transaction besides the annotated documents."""

    refusals: list[Refusal] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    signatures: dict[str, bytes] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    skipped: int = 0


def default_jobs() -> int:
    """Worker processes by default: one per core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build(
    sources: Iterable[str],
    store: Store,
    *,
    model: str | None = None,
    jobs: int = 1,
    options: IngestOptions | None = None,
    published: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_document: ProgressCallback | None = None,
    dedupe: bool = True,
    link: bool = True,
    on_link: Callable[[int], None] | None = None,
    on_link_record: Callable[[], None] | None = None,
    on_link_plan: Callable[[LinkPlan], None] | None = None,
    full_link: bool = False,
) -> BuildReport:
    """Read, annotate, store and link ``sources`` into ``store``.

    Args:
        sources: files, folders (walked recursively), glob patterns, JSONL and WARC files.
        store: where the dossier lives.
        model: the spaCy pipeline to annotate with (any installed one; see
            ``dossier.annotate.load_model``).
        jobs: worker processes for annotation (1: in this process).
        options: ingest options (size limit, forced kind).
        published: the publication date of the source(s), when the user knows it.
        batch_size: documents per transaction.
        on_document: called with each source path once it is stored (or refused).
        dedupe: keep near-copies of stored documents as extra sources instead of
            annotating them again.
        link: recompute the cross-document view at the end (``relink`` does it later).
        on_link: called with the number of documents when the link stage starts (it does
            not when nothing changed since the last one).
        on_link_record: called for each record the link stage reads (``relink``'s
            ``on_record``: three times per document).
        on_link_plan: told how the link stage will run (``relink``'s ``on_plan``).
        full_link: link every document again, not only the new ones and those they touch.

    Returns:
        What was added, skipped as already stored, kept as duplicates and refused.
    """
    options = options or IngestOptions()
    report = BuildReport()
    annotator = Annotator(model, jobs)
    batches = _batches(_documents(sources, options, published), store, batch_size, dedupe)
    # a SQLite store's rows are encoded by the worker that annotated the documents
    encode = encode_record if isinstance(store, SQLiteStore) else None
    for records, batch in annotator.imap(batches, encode):
        store_batch(store, records, batch, report)
        if on_document:
            for path in batch.paths:
                on_document(path)
    if link:
        relink(store, full=full_link, on_start=on_link, on_record=on_link_record, on_plan=on_link_plan)
    report.documents = store.counts()["documents"]
    return report


class Decider:
    """Decides, source by source, whether a document is new, already stored, or a copy.

    The same decisions in the same order give the same dossier, whichever engine
    annotated the documents (so the Dask merge uses this too).
    """

    def __init__(self, store: Store, dedupe: bool = True) -> None:
        self.store = store
        self.dedupe = dedupe
        self.near = NearDuplicates.from_signatures(store.signatures()) if dedupe else None
        self.seen: dict[str, str] = {}  # id -> path of documents taken in this run

    def decide(self, document: Document, batch: Batch) -> bool:
        """True when ``document`` is new (to annotate); otherwise note in ``batch`` what it is."""
        if document.id in self.seen or self.store.has_document(document.id):
            first = self.seen.get(document.id) or self.store.get_document(document.id).path
            if self.dedupe and first != document.path:
                batch.duplicates.append(_duplicate(document, document.id, 1.0))
            batch.skipped += 1
            return False
        sig, copy_of, similarity = self.near.match(document) if self.near else (None, None, 0.0)
        if copy_of is not None:
            batch.duplicates.append(_duplicate(document, copy_of, similarity))
            return False
        if self.near is not None:
            self.near.add(document.id, sig)
        # stored for every document, so the link stage reads it instead of signing again
        batch.signatures[document.id] = to_bytes(sig if sig is not None else signature(document.text))
        self.seen[document.id] = document.path
        return True


def _batches(
    items: Iterable[Document | IngestError], store: Store, batch_size: int, dedupe: bool
) -> Iterator[tuple[list[Document], Batch]]:
    """Group the stream into batches of new documents, deciding what each source is."""
    decider = Decider(store, dedupe)
    documents: list[Document] = []
    batch = Batch()
    for item in items:
        batch.paths.append(item.path)
        if isinstance(item, IngestError):
            logger.warning("refused %s", item)
            batch.refusals.append(Refusal(item.path, item.reason))
        elif decider.decide(item, batch):
            documents.append(with_dateline(item))
        if len(documents) >= batch_size or len(batch.paths) >= 4 * batch_size:
            yield documents, batch
            documents, batch = [], Batch()
    if documents or batch.paths:
        yield documents, batch


def store_batch(store: Store, records: list[AnnotatedDocument], batch: Batch, report: BuildReport) -> None:
    """Write one batch (one transaction) and count it into ``report``."""
    written = store.write_batch(records, batch.refusals, batch.duplicates, batch.signatures)
    report.added += written.added
    report.versions += written.versions
    report.skipped += written.skipped + batch.skipped
    report.duplicates += len(batch.duplicates)
    report.refused.extend(batch.refusals)


def _duplicate(document: Document, copy_of: str, similarity: float) -> Duplicate:
    return Duplicate(
        path=document.path,
        doc=copy_of,
        similarity=round(similarity, 3),
        title=document.title,
        outlet=document.outlet,
        url=document.url,
        published=document.published.value,
    )


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
    documents = list(documents)
    fresh = new_documents(documents, store)
    records = Annotator(model, nlp=nlp).annotate(fresh)
    return store_and_link(records, store, skipped=len(documents) - len(fresh))


def new_documents(documents: Iterable[Document], store: Store) -> list[Document]:
    """The documents not stored yet, dated from their datelines where metadata gave no date."""
    return [with_dateline(d) for d in documents if not store.has_document(d.id)]


def store_and_link(records: list[AnnotatedDocument], store: Store, *, skipped: int = 0) -> BuildReport:
    """Store annotated documents in one transaction, then relink (when anything was added)."""
    report = BuildReport(skipped=skipped)
    if records:
        written = store.write_batch(records)
        report.added, report.versions = written.added, written.versions
        report.skipped += written.skipped
        relink(store)
    report.documents = store.counts()["documents"]
    return report


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """How the link stage is about to run."""

    mode: str
    """``full`` (every document) or ``incremental`` (the new ones and those they touch)."""
    documents: int
    """Documents the link stage reads (three passes each)."""
    new: int = 0
    """Documents not in the stored view yet."""
    why: str = ""
    """Why a full link (when an incremental one was possible in principle)."""


def link_basis(ids: Iterable[str]) -> str:
    """The fingerprint of a view: this version of dossier and the (sorted) document ids."""
    return hashlib.sha256(f"{__version__}\n{','.join(sorted(ids))}".encode()).hexdigest()[:16]


def relink(
    store: Store,
    *,
    force: bool = False,
    full: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_record: Callable[[], None] | None = None,
    on_plan: Callable[[LinkPlan], None] | None = None,
) -> bool:
    """Bring the cross-document view up to date with the current documents.

    Skipped when the view was already computed from exactly these documents by this
    version of dossier (a rebuild that added nothing), unless ``force``, or ``full`` while
    the view holds documents added incrementally. When documents were only added, and not
    many (see ``dossier.link.incremental``), the new documents and the stored ones they
    touch are linked and spliced into the stored view; otherwise, or with ``full`` or
    ``force``, every document is linked again.

    ``on_plan`` is told how it will run; ``on_start`` is called with the number of documents
    it reads once it is known the view will be recomputed; ``on_record`` after each record
    the link stage reads (it reads each of those documents in its ``LINK_PASSES`` passes).
    Returns whether it ran.
    """
    from dossier.link import link
    from dossier.link.incremental import needs_full

    # the basis is decided from the ids alone (no record is read), and from the version of
    # dossier that links: a view an earlier version made is made again after an upgrade
    ordered = sorted(store.document_ids())
    basis = link_basis(ordered)
    if not force and store.link_basis() == basis and not (full and store.link_coverage()[1]):
        return False

    # the records are streamed from the store, a pass at a time, never all in memory; each
    # pass reads these documents, whatever a concurrent writer adds meanwhile, so the view
    # is the view of exactly the documents its basis names
    def reader(ids: list[str]) -> Reader:
        def read(parts: frozenset[str]) -> Iterator[AnnotatedDocument]:
            for record in store.iter_records(ids=ids, parts=parts):
                yield record
                if on_record is not None:
                    on_record()

        return read

    why = "asked for" if (force or full) else ""
    if not why:  # the stored view without its predicate-level mentions: only the touched
        # documents' are needed, and they are most of a large view
        old = store.read_links(mentions_of=())
        why = needs_full(old, ordered, link_basis(old.linked)) or _extend(
            store, old, ordered, basis, reader, on_plan=on_plan, on_start=on_start
        )
        if not why:
            return True
        del old
    if on_plan is not None:
        on_plan(LinkPlan("full", len(ordered), why=why))
    if on_start is not None:
        on_start(len(ordered))
    result = link(reader(ordered), signatures=dict(store.signatures()))
    store.write_links(replace(result, basis=basis, linked=tuple(ordered), incremental=()))
    return True


def _extend(
    store: Store,
    old: LinkResult,
    ordered: list[str],
    basis: str,
    reader: Callable[[list[str]], Reader],
    *,
    on_plan: Callable[[LinkPlan], None] | None,
    on_start: Callable[[int], None] | None,
) -> str:
    """Link the documents the stored view ``old`` lacks with the stored ones they touch,
    and patch the view with the result; '' once done, else why a full link is needed."""
    from dossier.link import link
    from dossier.link.incremental import MAX_TOUCHED, splice, touched

    linked = set(old.linked)
    new = [d for d in ordered if d not in linked]
    touch = touched(
        old, store.iter_records(ids=new, parts=("mentions", "places", "timexes")),
        signatures=store.signatures(), linked=linked,
    )
    part_ids = sorted(touch | set(new))
    if len(part_ids) > MAX_TOUCHED * len(ordered):
        return f"the new documents touch {len(part_ids)} of {len(ordered)}"
    if on_plan is not None:
        on_plan(LinkPlan("incremental", len(part_ids), len(new)))
    if on_start is not None:
        on_start(len(part_ids))
    wanted = set(part_ids)
    part = link(reader(part_ids), signatures={d: s for d, s in store.signatures() if d in wanted})
    patch = splice(replace(old, mentions=store.read_event_mentions(touch)), part, new)
    added = tuple(sorted({*old.incremental, *new}))
    try:
        patch = replace(patch, base=old.basis, basis=basis, linked=tuple(ordered), incremental=added)
        store.patch_links(patch)
    except StaleView:  # another link replaced the view meanwhile
        return "the view was linked again meanwhile"
    return ""


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
    found = find_dateline(document.text)
    if not found:
        return document
    value, explanation = found
    return replace(document, published=Published(value, "text", explanation))


def open_store(db: str | Path | Store, *, read_only: bool = False) -> Store:
    """A store for a path (SQLite), or the store itself."""
    if isinstance(db, (str, Path)):
        return SQLiteStore(db, read_only=read_only)
    return db
