"""Workers send a store's rows, not record objects: the same rows, the same stored dossier."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from dossier.models import Document
from dossier.scale.local import Annotator
from dossier.store import SQLiteStore
from dossier.store.sqlite import EncodedRecord, encode_record

pytestmark = pytest.mark.slow

TEXTS = [
    'Officials in Springfield said on Monday that 40 homes were flooded. "We are working", the mayor said.',
    "The council of Shelbyville met on 3 March 2021 and approved the budget after a long debate.",
    "Rescuers reached the village of Ogdenville late on Tuesday, two days after the storm.",
    "No one was hurt, police said.",
]


def documents() -> list[Document]:
    return [Document(id=f"d{i}", path=f"{i}.txt", text=t, meta={"n": i}) for i, t in enumerate(TEXTS)]


def table_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows: list[tuple[object, ...]] = []
    for table in ("sentences", "mentions", "timexes", "places", "claims", "quotes", "predicates"):
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY doc_id, seq")]
    rows += [r[:-1] for r in conn.execute("SELECT * FROM documents ORDER BY id")]  # without added_at
    conn.close()
    return rows


def test_pool_workers_return_the_rows_this_process_would_encode() -> None:
    batches = [(documents()[:2], "a"), (documents()[2:], "b")]
    local = Annotator(jobs=1)
    expected = [[encode_record(r) for r in local.annotate(docs)] for docs, _ in batches]
    results = list(Annotator(jobs=2).imap(batches, encode_record))
    assert [tag for _, tag in results] == ["a", "b"]
    assert [rows for rows, _ in results] == expected
    assert all(isinstance(r, EncodedRecord) for rows, _ in results for r in rows)
    assert any(part for rows in expected for r in rows for part in r.parts)  # not trivially empty


def test_encoded_rows_store_exactly_what_the_records_store(tmp_path: Path) -> None:
    records = Annotator(jobs=1).annotate(documents())
    with SQLiteStore(tmp_path / "objects.db") as s:
        s.write_batch(records, signatures={"d0": b"sig"})
    with SQLiteStore(tmp_path / "rows.db") as s:
        # sent through a pickle as a worker's result is
        report = s.write_batch(
            pickle.loads(pickle.dumps([encode_record(r) for r in records])), signatures={"d0": b"sig"}
        )
        again = s.write_batch([encode_record(records[0])])
        assert [r.document for r in s.iter_records()] == [r.document for r in records]
    assert (report.added, again.added, again.skipped) == (len(TEXTS), 0, 1)
    assert table_rows(tmp_path / "objects.db") == table_rows(tmp_path / "rows.db")
    for db in ("objects.db", "rows.db"):
        conn = sqlite3.connect(tmp_path / db)
        assert conn.execute("SELECT doc_id, signature FROM minhashes").fetchall() == [("d0", b"sig")]
        conn.close()


def test_a_single_batch_is_annotated_here_and_encoded_all_the_same() -> None:
    docs = documents()
    ((rows, tag),) = list(Annotator(jobs=2).imap([(docs, "only")], encode_record))
    assert tag == "only"
    assert rows == [encode_record(r) for r in Annotator(jobs=1).annotate(docs)]
    assert [r.id for r in rows] == [d.id for d in docs]
