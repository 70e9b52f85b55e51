#!/usr/bin/env python3
"""Who claimed what on the seeds, the table, and the speed of the two components.

usage: python benchmarks/claims.py [SHARED_DIR]

1. The seeds (read through ``dossier.ingest``) are annotated and scored for claims and
   quotes by the project-independent scorer ``SHARED/eval/score.py`` against
   ``SHARED/golden/kherson``.
2. The ``tests/claims/table.yaml`` rows: share right.
3. Speed: words per second of ``dossier_quantities`` and ``dossier_quotes`` alone (time of
   the pipeline with them minus without them) and of the whole pipeline, on the seeds and
   the WikiEvents dev documents when present.
Prints a table; not a test.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from dossier.annotate import build_pipeline  # noqa: E402
from dossier.ingest import read_path  # noqa: E402

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
OURS = ("dossier_quantities", "dossier_quotes")


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def seed_export(nlp: Any) -> dict[str, Any]:
    export: dict[str, Any] = {"schema": "dossier.export/1", "documents": [], "claims": [], "quotes": []}
    for path in sorted((SHARED / "seeds").iterdir()):
        document = read_path(path)
        doc = nlp(document.text)
        export["documents"].append({"id": path.name, "path": str(path), "text": document.text})
        for i, span in enumerate(doc.spans["dossier_quantities"]):
            c = span._.dossier_record
            export["claims"].append(
                {
                    "id": f"{path.name}-c{i}",
                    "doc": path.name,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "value": c.value,
                    "low": c.low,
                    "high": c.high,
                    "unit": c.unit,
                    "qualifier": c.qualifier,
                    "attributed_to": {"name": c.attributed_to.name} if c.attributed_to else None,
                    "hedged": c.hedged,
                }
            )
        for i, span in enumerate(doc.spans["dossier_quotes"]):
            q = span._.dossier_record
            export["quotes"].append(
                {
                    "id": f"{path.name}-q{i}",
                    "doc": path.name,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "speaker": {"name": q.speaker.name} if q.speaker else None,
                    "cue": q.cue,
                }
            )
    return export


def texts() -> list[str]:
    out = [read_path(p).text for p in sorted((SHARED / "seeds").iterdir())]
    dev = SHARED / "corpus" / "wikievents" / "dev.jsonl"
    if dev.exists():
        out += [json.loads(line)["text"] for line in dev.read_text().splitlines()]
    return out


def seconds(nlp: Any, docs: list[str]) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=8):
        pass
    return time.perf_counter() - t0


def main() -> int:
    nlp = build_pipeline()
    report = load_scorer().score(seed_export(nlp), SHARED / "golden" / "kherson")
    print("seeds (shared/eval/score.py)")
    for part in ("claims", "quotes"):
        print(f"  {part:8} " + "  ".join(f"{k}={v}" for k, v in report[part].items()))

    from tests.claims.table import check_row, load_table

    rows = load_table()
    wrong = [row["text"] for row in rows if check_row(nlp, row)]
    print(f"table    rows={len(rows)} right={len(rows) - len(wrong)} share={1 - len(wrong) / len(rows):.3f}")
    for text in wrong:
        print(f"  wrong: {text}")

    docs = texts()
    words = sum(len(t.split()) for t in docs)
    seconds(nlp, docs[:2])  # warm up
    full = min(seconds(nlp, docs) for _ in range(2))
    parsed = list(nlp.pipe(docs, batch_size=8, disable=list(OURS)))
    t0 = time.perf_counter()
    for doc in parsed:
        doc.user_data.pop("dossier_attributions", None)
        for name in OURS:
            nlp.get_pipe(name)(doc)
    ours = time.perf_counter() - t0
    print(
        f"speed    documents={len(docs)} words={words}  whole pipeline={words / full:,.0f} words/s  "
        f"dossier_quantities+dossier_quotes alone={words / ours:,.0f} words/s "
        f"({100 * ours / full:.0f}% of the time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
