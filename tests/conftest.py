"""Shared fixtures (the only conftest).

``SHARED`` is the folder with the seeds, the gold and the public corpora: ``../shared``
beside the repository, or the folder ``DOSSIER_SHARED`` names.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from dossier.store import MemoryStore, SQLiteStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled data (the gazetteer index) goes to a temporary cache, never the user's."""
    if "DOSSIER_CACHE_DIR" not in os.environ:
        os.environ["DOSSIER_CACHE_DIR"] = str(tmp_path_factory.mktemp("dossier-cache"))

SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "golden" / "kherson"
NBC_SEED = SEEDS / "000_98fe06d4e4987fd0.txt"
WIKI_SEED = SEEDS / "003_7dc248ae151fc47b.txt"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The full annotation pipeline (trained model + dossier's components), loaded once."""
    from dossier.annotate import build_pipeline

    return build_pipeline()


@pytest.fixture
def memory_store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "test.db")
    yield store
    store.close()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Each Store implementation in turn: both must honour one contract."""
    if request.param == "memory":
        yield MemoryStore()
    else:
        s = SQLiteStore(tmp_path / "contract.db")
        yield s
        s.close()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once into a dossier database for the whole session."""
    import dossier

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = dossier.build([str(SEEDS)], db=db)
    assert report.ok and report.added == 2, report
    return db


@pytest.fixture(scope="session")
def seeds_export(seeds_db: Path) -> dict[str, Any]:
    import dossier

    with dossier.open(seeds_db) as d:
        return d.export()


@pytest.fixture(scope="session")
def seeds_score(seeds_export: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeds export scored by the project-independent scorer in ``shared/eval``."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("score") / "export.json"
    path.write_text(json.dumps(seeds_export), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(path), str(GOLD), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]
