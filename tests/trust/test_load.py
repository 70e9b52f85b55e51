"""The server keeps answering under load: no 5xx, and every document added meanwhile is kept."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from dossier.present.web.load import LiveServer, missing_documents, run_load

pytestmark = pytest.mark.slow


def test_fifty_readers_and_a_writer_get_no_server_errors_and_lose_nothing(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "load.db"
    shutil.copy(seeds_db, db)
    server = LiveServer(str(db), token="t0ken-for-the-test")
    try:
        report = asyncio.run(run_load(server.url, "t0ken-for-the-test", readers=50, seconds=12))
        missing = missing_documents(server.url, report.posted)
    finally:
        stderr = server.stop()
    assert report.errors_5xx == 0, stderr[-2000:]
    assert report.other_errors == 0
    assert report.requests > 100
    assert report.posted, "the writer added nothing"
    assert missing == []
    assert "Traceback" not in stderr
