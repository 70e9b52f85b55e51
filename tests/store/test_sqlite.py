from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dossier.errors import NotFound, SchemaVersionError, StoreError
from dossier.store import SQLiteStore
from dossier.store.migrations import MIGRATIONS
from tests.store.test_store_contract import record


def test_schema_version_is_recorded_and_wal_is_on(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("SELECT max(version) FROM _dossier_migrations").fetchone()[0] == MIGRATIONS[-1][0]
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_store_from_a_newer_dossier_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _dossier_migrations(version, name) VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        SQLiteStore(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a dossier database"):
        SQLiteStore(path)


def test_read_only_open_of_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no such dossier database"):
        SQLiteStore(tmp_path / "missing.db", read_only=True)


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as s:
        good = record("Paris is calm today.")
        s.write_batch([good])
        broken = record("Rome is calm.")
        broken = type(broken)(document=broken.document, sentences=broken.sentences, mentions=(None,))  # type: ignore[arg-type]
        with pytest.raises(AttributeError):
            s.write_batch([record("Oslo is calm."), broken])
        assert [r.document.text for r in s.iter_records()] == ["Paris is calm today."]


def test_plain_sqlite3_reads_the_main_tables_read_only(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with SQLiteStore(path) as s:
        s.write_batch([record("Paris is calm today.")])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("SELECT title, kind FROM documents").fetchall() == [("T", "news")]
    assert conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == 1
    assert conn.execute("SELECT json_extract(data, '$.unit') FROM claims").fetchone()[0] == "people"
    assert conn.execute("SELECT text FROM sentences_fts WHERE sentences_fts MATCH 'calm'").fetchone()[0] == "Paris is calm today."


def test_a_dossier_from_an_older_schema_is_migrated_when_opened_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as s:
        s.write_batch([record("Paris is calm today.")])
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE duplicates; DROP TABLE minhashes; DROP INDEX refusals_once;"
                       " DROP TABLE predicates; DROP TABLE event_mentions;"
                       " DELETE FROM _dossier_migrations WHERE version > 1;")
    conn.close()
    with SQLiteStore(path, read_only=True) as s:
        assert s.counts()["duplicates"] == 0 and s.counts()["documents"] == 1


def test_predicates_and_event_mentions_survive_the_store(tmp_path: Path) -> None:
    from dataclasses import replace

    from dossier.models import Argument, EventDate, EventMention, LinkResult, Predicate

    base = record("Troops entered Paris on Friday.")
    pred = Predicate(7, 14, "entered", "enter", "VERB", "past",
                     (Argument(0, 6, "subj", 0, 6), Argument(15, 20, "obj", 15, 20)), 0, 31)
    rec = replace(base, predicates=(pred,))
    mention = EventMention(rec.document.id, 7, 14, "entered", "enter", (0, 31), ("e-1",), "e-2",
                           EventDate("2022-11-11", "day"), "timex", "ev-1", "m-1", False)
    with SQLiteStore(tmp_path / "p.db") as s:
        s.write_batch([rec])
        s.write_links(LinkResult(mentions=(mention,)))
    with SQLiteStore(tmp_path / "p.db", read_only=True) as s:
        assert next(s.iter_records()).predicates == (pred,)
        assert s.read_links().mentions == (mention,)
