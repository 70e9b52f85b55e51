"""A synthetic corpus for speed and memory benchmarks: documents stitched from seed paragraphs.

Each document takes 3–6 paragraphs of the seeds (after the readers' cleaning) in a
deterministic random order and a unique first line, so no two documents share an id.
"""

from __future__ import annotations

import random
from pathlib import Path

from dossier.ingest import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def seed_paragraphs(seeds: Path = SHARED / "seeds") -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(seeds.iterdir()):
        text = read_path(path).text
        paragraphs += [p.strip() for p in text.split("\n\n") if len(p.split()) >= 12]
    return paragraphs


def make_corpus(folder: Path, n_docs: int, *, seed: int = 13) -> list[str]:
    """Write ``n_docs`` text files into ``folder``; return their texts."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n_docs):
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 6)))
        text = f"Report number {i} on the events\n\n{body}"
        (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts
