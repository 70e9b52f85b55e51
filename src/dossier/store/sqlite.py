"""``SQLiteStore``: the embedded default store (one file, WAL, FTS5, migrations)."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self

from dossier.errors import NotFound, QueryError, SchemaVersionError, StaleView, StoreError
from dossier.models import (
    AnnotatedDocument,
    Claim,
    Conflict,
    DistanceCheck,
    Document,
    Duplicate,
    Entity,
    Event,
    EventDate,
    EventMention,
    Evidence,
    Geo,
    LinkPatch,
    LinkResult,
    Mention,
    Place,
    Predicate,
    Published,
    Quote,
    Refusal,
    Sentence,
    Timex,
    check_order,
    event_order,
)
from dossier.store.base import SearchHit, WriteReport
from dossier.store.codec import dumps, from_data, loads, to_data
from dossier.store.migrations import MIGRATIONS, migrate

#: AnnotatedDocument part -> (table, record type)
PARTS: dict[str, tuple[str, type[Any]]] = {
    "mentions": ("mentions", Mention),
    "timexes": ("timexes", Timex),
    "places": ("places", Place),
    "claims": ("claims", Claim),
    "quotes": ("quotes", Quote),
    "predicates": ("predicates", Predicate),
}
_OFFSET_FIELDS = ("start", "end", "text")


class SQLiteStore:
    """A dossier in one SQLite file.

    Args:
        path: the database file (created with its schema when missing).
        read_only: open without writing (``mode=ro``); the schema must exist.
        must_exist: refuse a missing file instead of creating one (implied by ``read_only``).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, must_exist: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        if (read_only or must_exist) and not Path(self.path).exists():
            raise NotFound(f"{self.path}: no such dossier database (build one with 'dossier build')")
        if read_only:
            _bring_up_to_date(self.path)
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not read_only:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.schema_version = migrate(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a dossier database ({exc})") from exc

    # -- writing ---------------------------------------------------------------------------

    def write_batch(
        self,
        records: Sequence[AnnotatedDocument | EncodedRecord],
        refusals: Sequence[Refusal] = (),
        duplicates: Sequence[Duplicate] = (),
        signatures: Mapping[str, bytes] | None = None,
    ) -> WriteReport:
        added = versions = skipped = 0
        signatures = signatures or {}
        with self._transaction() as conn:
            for record in records:
                rows = record if isinstance(record, EncodedRecord) else encode_record(record)
                outcome = self._write_record(conn, rows)
                added += outcome == "added"
                versions += outcome == "version"
                skipped += outcome == "skipped"
                if outcome != "skipped" and rows.id in signatures:
                    conn.execute(
                        "INSERT OR REPLACE INTO minhashes (doc_id, signature) VALUES (?, ?)",
                        (rows.id, signatures[rows.id]),
                    )
            conn.executemany(
                "INSERT OR IGNORE INTO refusals(path, reason) VALUES (?, ?)",
                [(r.path, r.reason) for r in refusals],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO duplicates (path, doc_id, similarity, title, outlet, url, published)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(d.path, d.doc, d.similarity, d.title, d.outlet, d.url, d.published) for d in duplicates],
            )
        return WriteReport(added=added + versions, versions=versions, skipped=skipped)

    def _write_record(self, conn: sqlite3.Connection, rows: EncodedRecord) -> str:
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (rows.id,)).fetchone():
            return "skipped"
        previous = conn.execute("SELECT max(version) FROM documents WHERE path = ?", (rows.path,)).fetchone()[
            0
        ]
        conn.execute("UPDATE documents SET current = 0 WHERE path = ?", (rows.path,))
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
        conn.execute(
            "INSERT INTO documents (id, path, version, current, seq, title, outlet, url, author, kind, language,"
            " format, published_value, published_basis, published_explanation, text, meta)"
            " VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rows.id, rows.path, (previous or 0) + 1, seq, *rows.document),
        )
        conn.executemany(
            'INSERT INTO sentences (doc_id, seq, start, "end", text) VALUES (?, ?, ?, ?, ?)', rows.sentences
        )
        for (table, _), part_rows in zip(PARTS.values(), rows.parts, strict=True):
            conn.executemany(
                f'INSERT INTO {table} (doc_id, seq, start, "end", text, data) VALUES (?, ?, ?, ?, ?, ?)',
                part_rows,
            )
        return "version" if previous else "added"

    def write_links(self, result: LinkResult) -> None:
        with self._transaction() as conn:
            for table in (
                "entity_mentions",
                "entities",
                "event_evidence",
                "events",
                "conflicts",
                "link_extras",
                "event_mentions",
            ):
                conn.execute(f"DELETE FROM {table}")
            for e in result.entities:
                _insert_entity(conn, e)
            for ev in result.events:
                _insert_event(conn, ev)
            _insert_conflicts(conn, result.conflicts)
            _insert_mentions(conn, result.mentions, 0)
            _write_extras(conn, {
                "published": {k: to_data(v) for k, v in result.published.items()},
                "timexes": {k: [to_data(t) for t in v] for k, v in result.timexes.items()},
                "distance_checks": [to_data(d) for d in result.distance_checks],
                "basis": result.basis,
                "linked": list(result.linked),
                "incremental": list(result.incremental),
            })

    def patch_links(self, patch: LinkPatch) -> None:
        with self._transaction() as conn:
            row = conn.execute("SELECT data FROM link_extras WHERE key = 'basis'").fetchone()
            if (json.loads(row[0]) if row else "") != patch.base:
                raise StaleView(f"{self.path}: the view was linked again since this patch was made")
            for eid in {*patch.renamed_entities, *(e.id for e in patch.entities)}:
                conn.execute("DELETE FROM entity_mentions WHERE entity_id = ?", (eid,))
                conn.execute("DELETE FROM entities WHERE id = ?", (eid,))
            for e in patch.entities:
                _insert_entity(conn, e)
            for eid in {*patch.renamed_events, *(e.id for e in patch.events)}:
                conn.execute("DELETE FROM event_evidence WHERE event_id = ?", (eid,))
                conn.execute("DELETE FROM events WHERE id = ?", (eid,))
            for ev in patch.events:
                _insert_event(conn, ev)
            conn.executemany("DELETE FROM conflicts WHERE id = ?",
                             [(c,) for c in {*patch.removed_conflicts, *(c.id for c in patch.conflicts)}])
            _insert_conflicts(conn, patch.conflicts)
            # stored mentions naming a merged entity or entry follow it (the JSON of the
            # few rows that hold a merged id is read, not all of them)
            seen: set[int] = set()
            for old in sorted({*patch.renamed_entities, *patch.renamed_events}):
                rows = conn.execute(
                    'SELECT seq, doc_id, start, "end", text, data FROM event_mentions WHERE instr(data, ?) > 0',
                    (json.dumps(old),),
                ).fetchall()
                for seq, doc, start, end, text, data in rows:
                    if seq in seen:
                        continue
                    seen.add(seq)
                    m = from_data(EventMention, {"doc": doc, "start": start, "end": end, "text": text,
                                                 **json.loads(data)})
                    followed = patch.follow(m)
                    if followed != m:
                        conn.execute("UPDATE event_mentions SET data = ? WHERE seq = ?", (_rest(followed, "doc"), seq))
            (last,) = conn.execute("SELECT coalesce(max(seq), -1) FROM event_mentions").fetchone()
            _insert_mentions(conn, patch.mentions, last + 1)
            extras = {k: json.loads(d) for k, d in conn.execute(
                "SELECT key, data FROM link_extras WHERE key IN ('published', 'timexes', 'distance_checks')")}
            checks = [*(from_data(DistanceCheck, d) for d in extras.get("distance_checks", [])),
                      *patch.distance_checks]
            _write_extras(conn, {
                "published": extras.get("published", {}) | {k: to_data(v) for k, v in patch.published.items()},
                "timexes": extras.get("timexes", {}) | {k: [to_data(t) for t in v] for k, v in patch.timexes.items()},
                "distance_checks": [to_data(d) for d in sorted(checks, key=check_order)],
                "basis": patch.basis,
                "linked": list(patch.linked),
                "incremental": list(patch.incremental),
            })

    # -- reading ---------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def get_document(self, doc_id: str) -> Document:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id!r}")
        return _document(row)

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE current = 1 ORDER BY seq")]

    def iter_records(
        self, *, ids: Sequence[str] | None = None, parts: Collection[str] | None = None
    ) -> Iterator[AnnotatedDocument]:
        # ids first, then one document at a time: the texts of a large store never sit in
        # memory together
        for doc_id in self.document_ids() if ids is None else ids:
            row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is not None:
                yield self._record(_document(row), parts)

    def _record(self, doc: Document, only: Collection[str] | None = None) -> AnnotatedDocument:
        sentences = tuple(
            Sentence(*r)
            for r in self.conn.execute(
                'SELECT start, "end", text FROM sentences WHERE doc_id = ? ORDER BY seq', (doc.id,)
            )
        ) if only is None or "sentences" in only else ()
        parts: dict[str, Any] = {}
        for part, (table, cls) in PARTS.items():
            if only is not None and part not in only:
                continue
            rows = self.conn.execute(
                f'SELECT start, "end", text, data FROM {table} WHERE doc_id = ? ORDER BY seq', (doc.id,)
            )
            parts[part] = tuple(
                from_data(cls, {"start": s, "end": e, "text": t, **json.loads(d)}) for s, e, t, d in rows
            )
        return AnnotatedDocument(document=doc, sentences=sentences, **parts)

    def read_links(self, *, mentions_of: Collection[str] | None = None) -> LinkResult:
        c = self.conn
        mentions: dict[str, list[Evidence]] = {}
        for eid, doc, s, e, t in c.execute(
            'SELECT entity_id, doc_id, start, "end", text FROM entity_mentions'
        ):
            mentions.setdefault(eid, []).append(Evidence(doc, s, e, t))
        entities = tuple(
            Entity(i, n, ty, tuple(json.loads(a)), tuple(mentions.get(i, ())), loads(Geo, g) if g else None)
            for i, n, ty, a, g in c.execute(
                "SELECT id, name, type, aliases, geo FROM entities ORDER BY id"
            )
        )
        evidence: dict[str, list[Evidence]] = {}
        for eid, doc, s, e, t in c.execute('SELECT event_id, doc_id, start, "end", text FROM event_evidence'):
            evidence.setdefault(eid, []).append(Evidence(doc, s, e, t))
        events = tuple(sorted((
            Event(i, EventDate(v, p), summ, tuple(evidence.get(i, ())), src, pl, tuple(json.loads(pa)))
            for i, v, p, summ, pl, pa, src in c.execute(
                "SELECT id, date_value, date_precision, summary, place, participants, sources FROM events"
            )
        ), key=event_order))
        conflicts = tuple(
            Conflict(i, a, k, tuple(json.loads(cl)), x)
            for i, a, k, cl, x in c.execute(
                "SELECT id, about, kind, claims, explanation FROM conflicts ORDER BY id"
            )
        )
        mentions_ = self.read_event_mentions(mentions_of)
        extras = {k: json.loads(d) for k, d in c.execute("SELECT key, data FROM link_extras")}
        return LinkResult(
            entities=entities,
            events=events,
            conflicts=conflicts,
            published={k: from_data(Published, v) for k, v in extras.get("published", {}).items()},
            timexes={k: tuple(from_data(Timex, t) for t in v) for k, v in extras.get("timexes", {}).items()},
            distance_checks=tuple(from_data(DistanceCheck, d) for d in extras.get("distance_checks", [])),
            basis=extras.get("basis", ""),
            mentions=mentions_,
            linked=tuple(extras.get("linked", ())),
            incremental=tuple(extras.get("incremental", ())),
        )

    def read_event_mentions(self, ids: Collection[str] | None = None) -> tuple[EventMention, ...]:
        # in text order, however they were added
        columns = 'SELECT doc_id, start, "end", text, data FROM event_mentions'
        rows = (
            self.conn.execute(columns + ' ORDER BY doc_id, start, "end", seq')
            if ids is None
            else (row for doc in sorted(set(ids))
                  for row in self.conn.execute(columns + ' WHERE doc_id = ? ORDER BY start, "end", seq', (doc,)))
        )
        return tuple(
            from_data(EventMention, {"doc": doc, "start": s, "end": e, "text": t, **json.loads(d)})
            for doc, s, e, t, d in rows
        )

    def link_basis(self) -> str:
        row = self.conn.execute("SELECT data FROM link_extras WHERE key = 'basis'").fetchone()
        return str(json.loads(row[0])) if row else ""

    def link_coverage(self) -> tuple[int, tuple[str, ...]]:
        rows = dict(self.conn.execute("SELECT key, data FROM link_extras WHERE key IN ('linked', 'incremental')"))
        return len(json.loads(rows.get("linked", "[]"))), tuple(json.loads(rows.get("incremental", "[]")))

    def duplicates(self) -> list[Duplicate]:
        rows = self.conn.execute(
            "SELECT path, doc_id, similarity, title, outlet, url, published FROM duplicates ORDER BY id"
        )
        return [Duplicate(*row) for row in rows]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.conn.execute(
            "SELECT m.doc_id, m.signature FROM minhashes m JOIN documents d ON d.id = m.doc_id AND d.current = 1"
        )

    def refusals(self) -> list[Refusal]:
        return [Refusal(p, r) for p, r in self.conn.execute("SELECT path, reason FROM refusals ORDER BY id")]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        try:
            rows = self.conn.execute(
                "SELECT s.doc_id, s.start, s.\"end\", s.text, snippet(sentences_fts, 0, '[', ']', '…', 12)"
                " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"
                " JOIN documents d ON d.id = s.doc_id AND d.current = 1"
                " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad search query {query!r}: {exc}") from exc
        return [SearchHit(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        for name, sql in _COUNTS.items():
            out[name] = int(self.conn.execute(sql).fetchone()[0])
        return out

    # -- lifecycle -------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return _Transaction(self.conn, self._lock)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception: all or nothing."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.Lock) -> None:
        self.conn, self.lock = conn, lock

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.conn.execute("ROLLBACK" if et else "COMMIT")
        finally:
            self.lock.release()


_DOC_COLUMNS = (
    "id, path, text, title, outlet, url, author, kind, language, published_value, published_basis,"
    " published_explanation, format, meta"
)
_COUNTS = {
    "documents": "SELECT count(*) FROM documents WHERE current = 1",
    "versions": "SELECT count(*) FROM documents WHERE current = 0",
    "sentences": "SELECT count(*) FROM sentences s JOIN documents d ON d.id = s.doc_id AND d.current = 1",
    "mentions": "SELECT count(*) FROM mentions",
    "timexes": "SELECT count(*) FROM timexes",
    "places": "SELECT count(*) FROM places",
    "claims": "SELECT count(*) FROM claims",
    "quotes": "SELECT count(*) FROM quotes",
    "entities": "SELECT count(*) FROM entities",
    "events": "SELECT count(*) FROM events",
    "conflicts": "SELECT count(*) FROM conflicts",
    "duplicates": "SELECT count(*) FROM duplicates",
    "refusals": "SELECT count(*) FROM refusals",
}


def _insert_entity(conn: sqlite3.Connection, e: Entity) -> None:
    conn.execute(
        "INSERT INTO entities (id, name, type, aliases, lat, lon, geo) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            e.id,
            e.name,
            e.type,
            json.dumps(list(e.aliases), ensure_ascii=False),
            e.geo.lat if e.geo else None,
            e.geo.lon if e.geo else None,
            dumps(e.geo) if e.geo else None,
        ),
    )
    conn.executemany(
        'INSERT INTO entity_mentions (entity_id, doc_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(e.id, m.doc, m.start, m.end, m.text) for m in e.mentions],
    )


def _insert_event(conn: sqlite3.Connection, ev: Event) -> None:
    conn.execute(
        "INSERT INTO events (id, date_value, date_precision, summary, place, participants, sources)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (ev.id, ev.date.value, ev.date.precision, ev.summary, ev.place, json.dumps(list(ev.participants)),
         ev.sources),
    )
    conn.executemany(
        'INSERT INTO event_evidence (event_id, doc_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(ev.id, x.doc, x.start, x.end, x.text) for x in ev.evidence],
    )


def _insert_conflicts(conn: sqlite3.Connection, conflicts: Iterable[Conflict]) -> None:
    conn.executemany(
        "INSERT INTO conflicts (id, about, kind, claims, explanation) VALUES (?, ?, ?, ?, ?)",
        [(c.id, c.about, c.kind, json.dumps(list(c.claims)), c.explanation) for c in conflicts],
    )


def _insert_mentions(conn: sqlite3.Connection, mentions: Iterable[EventMention], first: int) -> None:
    conn.executemany(
        'INSERT INTO event_mentions (seq, doc_id, start, "end", text, data) VALUES (?, ?, ?, ?, ?, ?)',
        [(first + i, m.doc, m.start, m.end, m.text, _rest(m, "doc")) for i, m in enumerate(mentions)],
    )


def _write_extras(conn: sqlite3.Connection, extras: dict[str, Any]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO link_extras (key, data) VALUES (?, ?)",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in extras.items()],
    )


def _bring_up_to_date(path: str) -> None:
    """Before a read-only open: migrate a dossier written by an older dossier, if we may write it."""
    with closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as conn:
        try:
            version = int(conn.execute("SELECT max(version) FROM _dossier_migrations").fetchone()[0] or 0)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a dossier database ({exc})") from exc
    if version >= MIGRATIONS[-1][0]:
        return
    if not os.access(path, os.W_OK):
        raise SchemaVersionError(
            f"{path}: written by an older dossier (schema {version}) and not writable here, so it cannot "
            "be brought up to date; copy it somewhere writable and open it there"
        )
    SQLiteStore(path).close()  # a writable open migrates


def _document(row: tuple[Any, ...]) -> Document:
    (doc_id, path, text, title, outlet, url, author, kind, language, pv, pb, pe, fmt, meta) = row
    return Document(
        id=doc_id,
        path=path,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        author=author,
        kind=kind,
        language=language,
        published=Published(pv, pb, pe),
        format=fmt,
        meta=json.loads(meta),
    )


class EncodedRecord(NamedTuple):
    """An annotated document as the rows ``SQLiteStore`` writes (``encode_record``).

    Encoded where the document was annotated, a worker process sends these plain rows,
    cheap to pickle, and the one writer only inserts them.
    """

    id: str
    path: str
    document: tuple[Any, ...]
    """The ``documents`` columns after id, path, version, current and seq."""
    sentences: list[tuple[Any, ...]]
    parts: list[list[tuple[Any, ...]]]
    """The rows of each of ``PARTS``' tables, in its order."""


def encode_record(record: AnnotatedDocument) -> EncodedRecord:
    """The rows ``write_batch`` stores for ``record``."""
    doc = record.document
    return EncodedRecord(
        doc.id,
        doc.path,
        (
            doc.title,
            doc.outlet,
            doc.url,
            doc.author,
            doc.kind,
            doc.language,
            doc.format,
            doc.published.value,
            doc.published.basis,
            doc.published.explanation,
            doc.text,
            json.dumps(doc.meta, ensure_ascii=False, default=str),
        ),
        [(doc.id, i, s.start, s.end, s.text) for i, s in enumerate(record.sentences)],
        [
            [(doc.id, i, r.start, r.end, r.text, _rest(r)) for i, r in enumerate(getattr(record, part))]
            for part in PARTS
        ],
    )


def _rest(record: Any, *columns: str) -> str:
    """A record's fields other than its offsets (and other ``columns`` of its row), as JSON."""
    data = to_data(record)
    for key in (*_OFFSET_FIELDS, *columns):
        data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
