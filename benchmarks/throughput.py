"""Throughput of ``dossier build`` beside the raw spaCy model on the same texts.

usage: python benchmarks/throughput.py [--docs 2000] [--model NAME] [--jobs 1 2]

Builds a synthetic corpus from paragraphs of the seeds, then times, each in a fresh
process: raw ``nlp.pipe`` of the bare model over the texts, and the whole ``dossier build``
(read, annotate with every component, store, link) with each ``--jobs`` value. Prints
documents/s, words/s, the ratio to the raw model, the speed-up over one job, and peak memory.
Near-duplicate detection is off so that every document is annotated.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus  # noqa: E402

RAW = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from dossier.annotate import load_model
    texts = [p.read_text() for p in sorted(Path(sys.argv[1]).iterdir())]
    nlp = load_model(sys.argv[2] or None)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)
BUILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from dossier.pipeline import build, relink
    from dossier.store import SQLiteStore
    from dossier.annotate import build_pipeline
    jobs = int(sys.argv[4])
    if jobs == 1:
        build_pipeline(sys.argv[2] or None)  # warm the import and file caches, as the raw run does
    with SQLiteStore(sys.argv[3]) as store:
        t = time.perf_counter()
        report = build([sys.argv[1]], store, model=sys.argv[2] or None, jobs=jobs, dedupe=False, link=False)
        t_link = time.perf_counter()
        relink(store)
        seconds, link_seconds = time.perf_counter() - t, time.perf_counter() - t_link
    assert report.ok and report.added, report
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": seconds, "link_seconds": link_seconds, "rss_mb": rss / 1024}))
    """
)


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model", default="")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        texts = make_corpus(folder, args.docs)
        words = sum(len(t.split()) for t in texts)
        raw = run(RAW, str(folder), args.model)
        builds = {j: run(BUILD, str(folder), args.model, str(Path(tmp) / f"bench{j}.db"), str(j)) for j in args.jobs}
    print(f"corpus: {args.docs} documents, {words:,} words (synthetic, from seed paragraphs)\n")
    print(f"{'run':<30}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'vs raw':>8}{'speed-up':>10}{'peak MB':>9}")
    print(f"{'raw nlp.pipe (model only)':<30}{raw['seconds']:>9.1f}{args.docs / raw['seconds']:>9.1f}"
          f"{words / raw['seconds']:>10,.0f}{'1.00':>8}{'':>10}{raw['rss_mb']:>9.0f}")
    base = builds[args.jobs[0]]["seconds"]
    for j, r in builds.items():
        print(f"{f'dossier build --jobs {j}':<30}{r['seconds']:>9.1f}{args.docs / r['seconds']:>9.1f}"
              f"{words / r['seconds']:>10,.0f}{raw['seconds'] / r['seconds']:>8.2f}{base / r['seconds']:>10.2f}"
              f"{r['rss_mb']:>9.0f}")
    print(f"\n(the build's times include its final cross-document link stage, which took: "
          + ", ".join(f"--jobs {j}: {r['link_seconds']:.1f} s" for j, r in builds.items()) + ")")


if __name__ == "__main__":
    main()
