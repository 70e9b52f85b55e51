"""Crash safety: ``dossier build`` SIGKILLed again and again at random moments still ends with
every input stored exactly once, an intact database, and the very dossier an uninterrupted
build gives.

The harness runs the real CLI in a subprocess (its own session), kills it with SIGKILL at
seeded random moments — while the schema is created, while spaCy loads, between and during
batch commits, in the final link stage — restarts it each time, and when enough kills have
landed lets it finish. Each kill is classified from what the database and the process tree
showed at that moment; the figures are printed (``pytest -s``) and the phases asserted.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

import dossier
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SEED = 20_261_123
SHORT_DOCS = 230
LONG_DOCS = 8
JSONL_DOCS = 15
KILLS_PER_BUILD = 12
#: how long a killed build's worker processes may outlive it
ORPHAN_GRACE = 30.0

NAMES = (
    "Alder",
    "Birch",
    "Cedar",
    "Dunmore",
    "Elling",
    "Farrow",
    "Garnet",
    "Holloway",
    "Iverson",
    "Juniper",
    "Kestrel",
    "Larkin",
    "Merrow",
    "Norcott",
    "Oakley",
    "Pellam",
    "Quinlan",
    "Rowntree",
    "Stanmore",
    "Thistle",
)
TOWNS = (
    "Ashford",
    "Bramley",
    "Caldwell",
    "Dorsey",
    "Easton",
    "Fenwick",
    "Greystone",
    "Harwick",
    "Ivybridge",
    "Kingsley",
)
ORGS = (
    "the water board",
    "the city council",
    "the fire service",
    "the transport agency",
    "the hospital trust",
)
VERBS = ("opened", "closed", "repaired", "inspected", "expanded", "rebuilt")
THINGS = ("bridge", "school", "library", "road", "clinic", "station", "market", "park")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Corpus:
    """The generated inputs and what a correct build makes of them."""

    folder: Path
    stored: frozenset[str]
    """Paths stored as documents."""
    copies: frozenset[str]
    """Paths kept as sources of another document (exact and near copies)."""
    refused: frozenset[str]


@dataclass
class Kill:
    """One SIGKILL that landed (the process was still running)."""

    jobs: int
    planned: str
    phase: str
    after: float
    stored_before: int
    stored_at_kill: int


def _bulletin(rng: random.Random, i: int) -> str:
    name, org, thing, town = rng.choice(NAMES), rng.choice(ORGS), rng.choice(THINGS), rng.choice(TOWNS)
    return (
        f"Bulletin {i}\n\n{name} of {org} said the {thing} in {town} was "
        f"{rng.choice(VERBS)} on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2023)}. "
        f"About {rng.randint(2, 900)} people attended, {name} said."
    )


def _long_story(rng: random.Random, i: int) -> str:
    """A story of well over 100 words (long enough for the near-duplicate check)."""
    name, org, thing, town = rng.choice(NAMES), rng.choice(ORGS), rng.choice(THINGS), rng.choice(TOWNS)
    sentences = [
        f"Report {i}: {name} of {org} said on {rng.choice(MONTHS)} "
        f"{rng.randint(1, 28)} that the {thing} in {town} would be {rng.choice(VERBS)}."
    ]
    while sum(len(s.split()) for s in sentences) < 120:
        name, org, thing, town = rng.choice(NAMES), rng.choice(ORGS), rng.choice(THINGS), rng.choice(TOWNS)
        sentences.append(
            f"{name} told reporters that {rng.randint(3, 400)} residents of {town} had "
            f"written to {org} about the {thing} and the {rng.choice(THINGS)}, and that "
            f"work would start in {rng.choice(MONTHS)}."
        )
    return f"Council story {i}\n\n" + " ".join(sentences)


def write_corpus(folder: Path, seed: int = SEED) -> Corpus:
    """A few hundred small, distinct documents, with copies, near-copies, a JSONL file and refusals."""
    rng = random.Random(seed)
    stored: set[str] = set()
    copies: set[str] = set()
    refused: set[str] = set()

    def put(rel: str, text: str, into: set[str]) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        into.add(str(path))

    for i in range(SHORT_DOCS):
        put(f"{'ab'[i * 2 // SHORT_DOCS]}/d{i:04d}.txt", _bulletin(rng, i), stored)
    stories = [_long_story(rng, i) for i in range(LONG_DOCS)]
    for i, story in enumerate(stories):
        put(f"c/long{i}.txt", story, stored)
    # after the originals in walk order, so each is decided against a stored (or taken) original
    for i in (1, 5):
        words = stories[i].split(" ")
        words[len(words) // 2] = "meanwhile"
        put(f"d/near{i}.txt", " ".join(words), copies)
        put(f"d/same{i}.txt", stories[i + 1], copies)
    lines = [
        json.dumps(
            {"text": _bulletin(rng, 1000 + i), "title": f"Line {i}", "published": f"2023-05-{i + 1:02d}"}
        )
        for i in range(JSONL_DOCS)
    ]
    jsonl = folder / "e" / "records.jsonl"
    jsonl.parent.mkdir(parents=True, exist_ok=True)
    jsonl.write_text("\n".join([*lines, json.dumps({"text": 5})]) + "\n", encoding="utf-8")
    stored.update(f"{jsonl}#L{n}" for n in range(1, JSONL_DOCS + 1))
    refused.add(f"{jsonl}#L{JSONL_DOCS + 1}")
    put("e/empty.txt", "", refused)
    return Corpus(folder, frozenset(stored), frozenset(copies), frozenset(refused))


# -- observing the build from outside ---------------------------------------------------------


def db_state(db: Path) -> tuple[int, str | None]:
    """(documents stored, link basis) as a reader sees them; (-1, None) before the schema exists."""
    if not db.exists():
        return -1, None
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)) as conn:
            stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            row = conn.execute("SELECT data FROM link_extras WHERE key = 'basis'").fetchone()
    except sqlite3.Error:
        return -1, None
    return int(stored), json.loads(row[0]) if row else None


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session: the build, its forkserver and its workers."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] not in ("Z", "X"):
            pids.append(int(entry.name))
    return pids


def spacy_loaded(session: int) -> bool:
    """Whether any process of the build has spaCy's compiled modules mapped (the model is loading)."""
    for pid in session_processes(session):
        try:
            maps = Path(f"/proc/{pid}/maps").read_text()
        except OSError:
            continue
        if "/thinc/" in maps or "/spacy/" in maps:
            return True
    return False


def wait_until(proc: subprocess.Popen[bytes], condition: Callable[[], bool], timeout: float = 120.0) -> bool:
    """Poll ``condition`` until it holds (True) or the process ends or time runs out (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


# -- the harness ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    corpus: Corpus
    export: dict[str, Any]
    basis: str
    link_window: tuple[float, float]
    """Seconds after start between which a restarted, fully stored build is linking."""


def build_command(corpus: Corpus, db: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dossier",
        "build",
        str(corpus.folder),
        "--db",
        str(db),
        "-q",
        "--jobs",
        str(jobs),
    ]


def run_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def export_of(db: Path) -> dict[str, Any]:
    with dossier.open(db) as d:
        data = d.export()
    data.pop("generator")
    return data


def timed_run(cmd: list[str]) -> float:
    start = time.monotonic()
    result = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 3, result.stderr
    return time.monotonic() - start


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """The corpus, its uninterrupted build, and how long a relink-only restart takes."""
    root = tmp_path_factory.mktemp("crash")
    corpus = write_corpus(root / "in")
    db = root / "reference.db"
    timed_run(build_command(corpus, db, 1))
    _, basis = db_state(db)
    assert basis
    # a restart that finds every document stored reads the sources and the records, then links:
    # time it with and without the linking to know when a killed one was linking
    scratch = root / "scratch.db"
    shutil.copy(db, scratch)
    with closing(sqlite3.connect(scratch)) as conn, conn:
        conn.execute("UPDATE link_extras SET data = '\"stale\"' WHERE key = 'basis'")
    relinking = timed_run(build_command(corpus, scratch, 1))
    reading = timed_run(build_command(corpus, scratch, 1))
    return Reference(corpus, export_of(db), basis, (reading, max(relinking, reading + 0.2)))


def crashing_build(
    ref: Reference, db: Path, jobs: int, rng: random.Random, wanted: int
) -> tuple[list[Kill], list[int], int]:
    """Start, kill and restart the build until ``wanted`` kills landed.

    Returns:
        The kills, the session ids of the killed runs, and how many starts there were.
    """
    total = len(ref.corpus.stored)
    cmd = build_command(ref.corpus, db, jobs)
    kills: list[Kill] = []
    sessions: list[int] = []
    starts = 0
    while (len(kills) < wanted or not any(k.phase == "link" for k in kills)) and starts < 6 * wanted:
        stored0, basis0 = db_state(db)
        if stored0 == total and basis0 == ref.basis:
            # it finished between kills (a fast machine): make the next start relink (to kill
            # it in the link stage), or, once that has happened, start a fresh round
            if sum(k.phase == "link" for k in kills) < 2:
                with closing(sqlite3.connect(db)) as conn, conn:
                    conn.execute("UPDATE link_extras SET data = '\"stale\"' WHERE key = 'basis'")
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            continue
        if stored0 < 0:
            planned = "schema"
        elif stored0 == total:
            planned = "relink"
        elif total - stored0 <= 64 and rng.random() < 0.6:
            planned = "last-commit"
        else:
            planned = rng.choices(["startup", "model", "batch"], weights=[1, 2, 3])[0]
        # a relink-only restart runs without -q: it says when its link stage starts
        proc = subprocess.Popen(
            [c for c in cmd if c != "-q"] if planned == "relink" else cmd,
            env=run_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE if planned == "relink" else subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        starts += 1
        start = time.monotonic()
        reached_total = linking = False
        if planned == "schema":
            wait_until(proc, db.exists)
            time.sleep(rng.uniform(0, 0.05))
        elif planned == "startup":
            time.sleep(rng.uniform(0.05, 1.5))
        elif planned == "model":
            wait_until(proc, lambda p=proc, n=stored0: spacy_loaded(p.pid) or db_state(db)[0] > n)
            time.sleep(rng.uniform(0, 2.0))
        elif planned == "batch":
            wait_until(proc, lambda n=stored0: db_state(db)[0] > n)
            time.sleep(rng.uniform(0, 0.8))
        elif planned == "last-commit":
            reached_total = wait_until(proc, lambda: db_state(db)[0] == total)
            time.sleep(rng.uniform(0, 0.4))
        else:
            assert proc.stderr is not None
            for line in proc.stderr:  # until the link stage starts (or the output ends)
                if line.startswith("linking "):
                    linking = True
                    break
            low, high = ref.link_window
            time.sleep(rng.uniform(0, max(0.05, high - low)))
        model = spacy_loaded(proc.pid)
        after = time.monotonic() - start
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
        if proc.returncode != -signal.SIGKILL:
            continue  # it ended before the signal: no kill
        sessions.append(proc.pid)
        stored_at_kill, basis = db_state(db)
        if stored_at_kill == total and basis == ref.basis:
            phase = "exit"  # everything committed, the process was on its way out
        elif stored_at_kill == total and (reached_total or linking):
            phase = "link"
        elif stored_at_kill == total:
            phase = "final-read"
        elif planned == "schema" and stored_at_kill <= 0:
            phase = "schema"
        elif stored_at_kill != stored0:
            phase = "batch"
        else:
            phase = "model" if model else "startup"
        kills.append(Kill(jobs, planned, phase, round(after, 2), stored0, stored_at_kill))
    return kills, sessions, starts


def orphans(sessions: list[int], grace: float = ORPHAN_GRACE) -> dict[int, list[int]]:
    """Processes of killed builds still running after ``grace`` seconds (then killed here)."""
    deadline = time.monotonic() + grace
    left = {s: session_processes(s) for s in sessions}
    while time.monotonic() < deadline and any(left.values()):
        time.sleep(0.2)
        left = {s: session_processes(s) for s in sessions}
    left = {s: pids for s, pids in left.items() if pids}
    for session in left:
        with suppress(ProcessLookupError):
            os.killpg(session, signal.SIGKILL)
    return left


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_killed_at_random_moments_resumes_to_the_uninterrupted_dossier(
    jobs: int, reference: Reference, tmp_path: Path
) -> None:
    db = tmp_path / f"crash-{jobs}.db"
    rng = random.Random(SEED + jobs)
    kills, sessions, starts = crashing_build(reference, db, jobs, rng, KILLS_PER_BUILD)
    final = subprocess.run(
        build_command(reference.corpus, db, jobs), env=run_env(), capture_output=True, text=True, timeout=600
    )
    left = orphans(sessions)
    phases = Counter(k.phase for k in kills)
    print(
        f"\njobs={jobs}: {len(kills)} kills in {starts} starts, by phase {dict(phases)};"
        f" link window {reference.link_window[0]:.2f}-{reference.link_window[1]:.2f}s"
    )
    for kill in kills:
        print("  ", asdict(kill))

    assert final.returncode == 3, final.stderr  # 3: the build finished, with the corpus's refusals
    assert "Traceback" not in final.stderr
    assert len(kills) >= KILLS_PER_BUILD - 2
    assert phases["model"] >= 1 and phases["link"] >= 1 and phases["batch"] >= 1, phases
    assert not left, f"processes of killed builds still running after {ORPHAN_GRACE}s: {left}"

    corpus = reference.corpus
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        count, distinct = conn.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone()
        assert count == distinct == len(corpus.stored)
        assert {p for (p,) in conn.execute("SELECT path FROM documents")} == corpus.stored
        assert (
            conn.execute("SELECT count(*) FROM documents WHERE current = 0 OR version != 1").fetchone()[0]
            == 0
        )
        assert {p for (p,) in conn.execute("SELECT path FROM duplicates")} == corpus.copies
        assert {p for (p,) in conn.execute("SELECT path FROM refusals")} == corpus.refused
        assert conn.execute("SELECT count(*) FROM refusals").fetchone()[0] == len(corpus.refused)
        docs_without_sentences = conn.execute(
            "SELECT count(*) FROM documents d"
            " WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchone()[0]
        assert docs_without_sentences == 0
    assert export_of(db) == reference.export
