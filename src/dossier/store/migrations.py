"""Schema migrations, ordered and recorded in ``_dossier_migrations`` (sqlite-utils style).

Each migration runs in its own transaction; a store written by a newer dossier (a version
this code does not know) is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources

from dossier.errors import SchemaVersionError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register a migration; versions must come in order."""

    def register(fn: Migration) -> Migration:
        assert not MIGRATIONS or MIGRATIONS[-1][0] < version, "migrations must be registered in order"
        MIGRATIONS.append((version, name, fn))
        return fn

    return register


@migration(1, "initial schema")
def _initial(conn: sqlite3.Connection) -> None:
    run_script(conn, resources.files("dossier.store").joinpath("schema.sql").read_text("utf-8"))


@migration(2, "near-duplicate sources, MinHash signatures, idempotent refusals")
def _duplicates(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE minhashes (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE duplicates (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            title TEXT, outlet TEXT, url TEXT, published TEXT,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX duplicates_doc ON duplicates(doc_id);
        -- a resumed build refuses the same inputs again: keep one line per input and reason
        DELETE FROM refusals WHERE id NOT IN (SELECT min(id) FROM refusals GROUP BY path, reason);
        CREATE UNIQUE INDEX refusals_once ON refusals(path, reason);
        """,
    )


@migration(3, "predicates (event words with their arguments) and predicate-level event mentions")
def _predicates(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE predicates (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            data TEXT NOT NULL, PRIMARY KEY (doc_id, seq));
        -- part of the cross-document view, rewritten by every link run
        CREATE TABLE event_mentions (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, data TEXT NOT NULL);
        CREATE INDEX event_mentions_doc ON event_mentions(doc_id);
        """,
    )


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _dossier_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
    )
    row = conn.execute("SELECT max(version) FROM _dossier_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the schema up to date.

    Returns:
        The schema version after migrating.

    Raises:
        SchemaVersionError: the file was written by a newer dossier.
    """
    version = current_version(conn)
    latest = MIGRATIONS[-1][0]
    if version > latest:
        raise SchemaVersionError(
            f"{path}: schema version {version} is newer than this dossier knows ({latest}); upgrade dossier"
        )
    for number, name, fn in MIGRATIONS:
        if number <= version:
            continue
        # executescript commits; run the DDL inside an explicit transaction of our own
        conn.execute("BEGIN")
        try:
            fn(conn)
            conn.execute("INSERT INTO _dossier_migrations(version, name) VALUES (?, ?)", (number, name))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return latest


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a SQL script statement by statement inside the open transaction.

    (``executescript`` would commit first, breaking the migration's atomicity.)
    """
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows triggers)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
