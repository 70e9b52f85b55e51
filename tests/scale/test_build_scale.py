"""Parallel annotation, near-duplicates, resuming, and the Dask engine."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import dossier
from dossier.pipeline import build
from dossier.scale.dask import build_with_dask, partitions
from dossier.scale.local import Annotator
from dossier.store import SQLiteStore
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

STORY = (
    "The river {n} burst its banks on Tuesday after three days of rain, flooding the old town. "
    "Officials said at least {k} homes were damaged and that the main road would stay closed until Friday. "
    "Residents said the water rose faster than in any flood they remembered, and volunteers filled sandbags "
    "through the night while the mayor asked people to stay away from the embankment. "
    "The weather service said more rain was expected over the weekend, and schools in the district will stay shut."
)


def corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"story{i:03d}.txt"
        path.write_text(f"Flood report {i}\n\n" + STORY.format(n=f"Number{i}", k=10 + i))
        paths.append(path)
    return paths


def export_of(db: Path) -> dict[str, Any]:
    with dossier.open(db) as d:
        data = d.export()
    data.pop("generator")
    return data


def test_parallel_annotation_keeps_order_and_gives_the_same_dossier(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 12)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with SQLiteStore(one) as s:
        build([str(tmp_path / "in")], s, jobs=1, batch_size=3, dedupe=False)
    with SQLiteStore(two) as s:
        report = build([str(tmp_path / "in")], s, jobs=2, batch_size=3, dedupe=False)
    assert report.added == 12
    assert export_of(one) == export_of(two)


def test_annotator_pool_returns_batches_in_input_order() -> None:
    from dossier.models import Document

    docs = [Document(id=str(i), path=f"{i}.txt", text=f"Report {i}. The mayor of Springfield spoke.") for i in range(6)]
    batches = [([d], d.id) for d in docs]
    results = list(Annotator(jobs=2).imap(batches))
    assert [tag for _, tag in results] == [d.id for d in docs]
    assert [records[0].document.id for records, _ in results] == [d.id for d in docs]


def test_near_copies_and_same_text_elsewhere_become_sources_not_documents(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    original = "Wire report\n\n" + STORY.format(n="Alder", k=40)
    (tmp_path / "in" / "a.txt").write_text(original)
    (tmp_path / "in" / "b.txt").write_text(original.replace("Tuesday", "Tuesday evening"))  # re-edited copy
    (tmp_path / "in" / "c.txt").write_text(original)  # the same text at another path
    (tmp_path / "in" / "d.txt").write_text(
        "Council news\n\nThe city council approved a new budget on Monday that raises spending on parks and "
        "libraries. The mayor said the plan would be paid for by savings elsewhere, while opposition members "
        "warned that property taxes could rise next year if revenue fell short of the forecasts."
    )
    db = tmp_path / "d.db"
    report = dossier.build([str(tmp_path / "in")], db=db)
    assert report.duplicates == 2
    with dossier.open(db) as d:
        dups = d.store.duplicates()
        assert d.info()["counts"]["documents"] == 2
    by_path = {Path(x.path).name: x for x in dups}
    assert set(by_path) == {"b.txt", "c.txt"}
    assert by_path["c.txt"].similarity == 1.0 and 0.8 <= by_path["b.txt"].similarity < 1.0
    again = dossier.build([str(tmp_path / "in")], db=db)
    assert again.added == 0
    with dossier.open(db) as d:
        assert len(d.store.duplicates()) == 2


def test_every_stored_document_keeps_its_signature_even_without_dedupe(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "short.txt").write_text("A two-line note.\n\nThe road reopened on Monday.")
    with SQLiteStore(tmp_path / "s.db") as store:
        build([str(tmp_path / "in")], store, dedupe=False)
        ids = {r.document.id for r in store.iter_records()}
        assert len(ids) == 4
        assert {doc_id for doc_id, _ in store.signatures()} == ids


def test_partitions_keep_containers_alone() -> None:
    parts = list(partitions(["a.txt", "b.txt", "c.jsonl", "d.txt", "e.warc.gz"], size=5))
    assert [p.paths for p in parts] == [("a.txt", "b.txt"), ("c.jsonl",), ("d.txt",), ("e.warc.gz",)]
    assert [p.number for p in parts] == [0, 1, 2, 3]


def test_dask_local_cluster_gives_the_same_dossier_as_the_local_engine(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 8)
    (tmp_path / "in" / "empty.txt").write_text("")
    local, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    with SQLiteStore(local) as s:
        expected = build([str(tmp_path / "in")], s)
    with SQLiteStore(dask_db) as s:
        report = build_with_dask([str(tmp_path / "in")], s, workers=2, partition_size=3)
    # some stories are near-copies of others: both engines must make the same decisions
    assert (report.added, report.duplicates, len(report.refused)) == (
        expected.added, expected.duplicates, len(expected.refused))
    assert report.added + report.duplicates == 8 and len(report.refused) == 1
    assert export_of(local) == export_of(dask_db)


def test_a_killed_build_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 40)
    db = tmp_path / "d.db"
    cmd = [sys.executable, "-m", "dossier", "build", str(tmp_path / "in"), "--db", str(db), "-q", "--jobs", "1",
           "--no-dedupe"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some, not all, documents are committed
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 1:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (40, 40)
        assert conn.execute("SELECT count(*) FROM sentences").fetchone()[0] > 40
    with SQLiteStore(tmp_path / "straight.db") as s:
        build([str(tmp_path / "in")], s, dedupe=False)
    assert export_of(db) == export_of(tmp_path / "straight.db")


def test_copies_are_listed_with_their_document_in_the_export(tmp_path: Path) -> None:
    from dossier.present.export import validate_export

    (tmp_path / "in").mkdir()
    text = "Wire report\n\n" + STORY.format(n="Alder", k=40)
    (tmp_path / "in" / "a.txt").write_text(text)
    (tmp_path / "in" / "b.txt").write_text(text)
    db = tmp_path / "d.db"
    dossier.build([str(tmp_path / "in")], db=db)
    data = export_of(db)
    validate_export(data)
    (doc,) = data["documents"]
    assert [Path(c["path"]).name for c in doc["copies"]] == ["b.txt"]
    assert doc["copies"][0]["doc"] == doc["id"] and doc["copies"][0]["similarity"] == 1.0
