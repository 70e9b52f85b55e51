"""Hostile and broken input through the whole pipeline, by the CLI in a subprocess.

Every case ends one of two ways: stored documents whose every offset is valid, or one
refusal line naming the file (and the input). Never a traceback, a hang (timeout) or memory
past the bound (``RLIMIT_AS`` of 3 GB: an allocation past it fails, which would show as a
traceback or a killed process). The small cases live in ``hostile/`` (written by
``make_hostile.py``); the big ones are generated here: 1 MB lines, 100k nested elements,
a ``.jsonl.gz`` whose first line inflates to over 1 GB of one character (written streaming).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import dossier
from tests.conftest import ROOT
from tests.trust.spans import span_problems

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).resolve().parent / "hostile"
MEMORY = 3 << 30
TIMEOUT = 300
EN = (
    "The mayor of Springfield said on Tuesday, 3 March 2022, that 40 homes were flooded. "
    "\u201cWe will rebuild,\u201d she told reporters in Springfield. Police said two people were hurt."
)
_REFUSED = re.compile(r"^refused (?P<path>.+?): (?P<reason>.+)$")
_SUMMARY = re.compile(r"^\d+ added \(\d+ as new versions\), \d+ already stored, .* documents in ")


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@dataclass
class Outcome:
    """What one build made of its inputs."""

    returncode: int
    stderr: str
    refused: dict[str, list[str]]
    stored: list[str]
    copies: list[str]
    problems: list[str]


def build(sources: list[Path], db: Path) -> Outcome:
    """``dossier build`` in a subprocess with a memory bound and a timeout; what it stored."""
    cmd = [sys.executable, "-m", "dossier", "build", *map(str, sources), "--db", str(db), "-q", "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_bounded
    )
    refused: dict[str, list[str]] = {}
    for line in result.stderr.splitlines():
        match = _REFUSED.match(line)
        if match:
            refused.setdefault(match["path"], []).append(match["reason"])
    stored: list[str] = []
    copies: list[str] = []
    problems: list[str] = []
    if db.exists():
        with dossier.open(db) as d:
            records = d.records()
            stored = [r.document.path for r in records]
            copies = [c.path for c in d.store.duplicates()]
            problems = span_problems(records, d.links())
            d.export()  # the export and the report read everything back
            d.report(db.with_suffix(".html"))
    return Outcome(result.returncode, result.stderr, refused, stored, copies, problems)


def assert_clean(outcome: Outcome) -> None:
    """No traceback, no stray output: refusal lines and the summary only; exit 0 or 3."""
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    assert outcome.returncode in (0, 3), outcome.stderr[-3000:]
    stray = [ln for ln in outcome.stderr.splitlines() if not (_REFUSED.match(ln) or _SUMMARY.match(ln))]
    assert not stray, stray
    assert all(len(reasons) == 1 for reasons in outcome.refused.values()), outcome.refused
    assert not outcome.problems, outcome.problems[:20]


def outcomes_of(outcome: Outcome, path: Path) -> list[str]:
    """Everything that became of one input (its container lines included; a JSONL record
    with a ``url`` is stored under that URL)."""
    names = {str(path)}
    if path.suffix == ".jsonl":
        for line in path.read_bytes().split(b"\n"):
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict) and isinstance(record.get("url"), str):
                names.add(record["url"])
    every = [*outcome.stored, *outcome.copies, *outcome.refused]
    return [p for p in every if p in names or p.split("#L", 1)[0] in names]


SMALL = sorted(p.name for p in HOSTILE.iterdir())


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """All the small cases in one build (a crash in any of them shows as a traceback)."""
    db = tmp_path_factory.mktemp("hostile") / "small.db"
    return build([HOSTILE / name for name in SMALL], db)


def test_hostile_small_cases_build_without_traceback_or_stray_output(small_build: Outcome) -> None:
    assert_clean(small_build)
    assert small_build.stored and small_build.refused  # both outcomes occur
    assert not Path("/tmp/dossier-hostile-pwned").exists()  # the YAML python tag ran nothing


@pytest.mark.parametrize("name", SMALL)
def test_hostile_case_is_stored_with_valid_offsets_or_refused_by_name(
    small_build: Outcome, name: str
) -> None:
    mine = outcomes_of(small_build, HOSTILE / name)
    assert mine, f"{name}: neither stored nor refused"
    if name.endswith(".jsonl"):  # one outcome per non-blank line
        lines = [ln for ln in (HOSTILE / name).read_bytes().split(b"\n") if ln.strip()]
        assert len(mine) == len(lines), (len(mine), len(lines), mine)
    else:
        assert len(mine) == 1, mine


def test_hostile_scripts_never_reach_the_stored_text(small_build: Outcome, tmp_path: Path) -> None:
    """The HTML case's scripts, handlers and javascript: URLs are not article text."""
    outcome = build([HOSTILE / "scripts.html"], tmp_path / "s.db")
    assert_clean(outcome)
    with dossier.open(tmp_path / "s.db") as d:
        (record,) = d.records()
    assert "Springfield" in record.document.text
    assert not re.search(r"alert\(|<script|onerror|javascript:", record.document.text), record.document.text


def _write_long_line(path: Path, chars: int, rng: random.Random) -> None:
    words = EN.replace(".", "").replace(",", "").split()
    line = " ".join(rng.choice(words) for _ in range(chars // 4))[:chars]
    path.write_text("Long line\n\n" + EN + "\n" + line + "\n" + EN + "\n", encoding="utf-8")


def test_hostile_one_megabyte_lines_are_stored_or_refused_within_bounds(tmp_path: Path) -> None:
    rng = random.Random(11)
    cases = tmp_path / "in"
    cases.mkdir()
    _write_long_line(cases / "words.txt", 1_000_000, rng)  # over the annotator's 1M characters
    (cases / "one_word.txt").write_text(EN + " " + "a" * 1_000_000 + " " + EN + "\n", encoding="utf-8")
    (cases / "spaces.md").write_text("---\ntitle: spaces\n---\n\n" + EN + " " * 1_000_000 + EN + "\n")
    (cases / "line.jsonl").write_text(json.dumps({"text": EN + "\u200b" * 1_000_000 + EN}) + "\n")
    outcome = build(sorted(cases.iterdir()), tmp_path / "long.db")
    assert_clean(outcome)
    for path in cases.iterdir():
        assert len(outcomes_of(outcome, path)) == 1, (path.name, outcome.refused, outcome.stored)
    assert any("over the limit of 1,000,000" in r[0] for r in outcome.refused.values()), outcome.refused


def test_hostile_deeply_nested_html_is_stored_or_refused_within_bounds(tmp_path: Path) -> None:
    page = tmp_path / "nested.html"
    depth = 100_000
    page.write_text(
        f"<html><body><article><p>{EN}</p>"
        + "<div>" * depth
        + "deep text"
        + "</div>" * depth
        + f"<p>{EN}</p></article></body></html>"
    )
    xhtml = tmp_path / "nested.xhtml"
    xhtml.write_text(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        + "<span>" * depth
        + EN
        + "</span>" * depth
        + "</body></html>"
    )
    outcome = build([page, xhtml], tmp_path / "nested.db")
    assert_clean(outcome)
    assert len(outcomes_of(outcome, page)) == 1 and len(outcomes_of(outcome, xhtml)) == 1, outcome


def test_hostile_gzip_bomb_line_is_refused_and_the_next_line_stored(tmp_path: Path) -> None:
    """A 1 MB .jsonl.gz whose first line inflates to 1.1 GB of one character (written streaming)."""
    bomb = tmp_path / "bomb.jsonl.gz"
    chunk = b"a" * (1 << 20)
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(b'{"text": "')
        for _ in range(1100):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(json.dumps({"text": EN}).encode() + b"\n")
    assert bomb.stat().st_size < 3 << 20
    outcome = build([bomb], tmp_path / "bomb.db")
    assert_clean(outcome)
    assert list(outcome.refused) == [f"{bomb}#L1"], outcome.refused
    assert outcome.stored == [f"{bomb}#L2"]
