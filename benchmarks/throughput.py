"""Throughput of ``dossier build`` beside the raw spaCy model on the same texts.

usage: python benchmarks/throughput.py [--docs 2000] [--model NAME] [--jobs 1 2] [--repeat 1]

Builds a synthetic corpus from paragraphs of the seeds, then times, each in a fresh
process: raw ``nlp.pipe`` of the bare model over the texts, and the whole ``dossier build``
(read, annotate with every component, store, link) with each ``--jobs`` value. Prints
documents/s, words/s, the ratio to the raw model, the speed-up over one job, peak memory, and
the CPU seconds spent (the build's own process, and its worker processes) with the machine's load
average when the run started: on a shared machine a slow run with the same CPU seconds was
waiting for a core, not working more. ``--repeat N`` runs each N times (interleaved) and keeps
the fastest. Near-duplicate detection is off so that every document is annotated.
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
    import json, os, resource, sys, time
    from pathlib import Path
    from dossier.annotate import load_model
    texts = [p.read_text() for p in sorted(Path(sys.argv[1]).iterdir())]
    nlp = load_model(sys.argv[2] or None)
    load, cpu, t = os.getloadavg()[0], time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss, "cpu": cpu, "worker_cpu": 0.0, "load": load}))
    """
)
BUILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    from dossier.pipeline import build, relink
    from dossier.store import SQLiteStore
    from dossier.annotate import build_pipeline
    def worker_cpu():  # CPU seconds of the processes this one started (the fork server's workers included)
        try:
            import psutil
        except ImportError:
            return float("nan")
        total = 0.0
        for p in psutil.Process().children(recursive=True):
            try:
                c = p.cpu_times()
            except psutil.Error:
                continue
            total += c.user + c.system + c.children_user + c.children_system
        return total
    jobs = int(sys.argv[4])
    if __name__ == "__main__":
        if jobs == 1:
            build_pipeline(sys.argv[2] or None)  # warm the import and file caches, as the raw run does
        with SQLiteStore(sys.argv[3]) as store:
            load, cpu, t = os.getloadavg()[0], time.process_time(), time.perf_counter()
            model = sys.argv[2] or None
            report = build([sys.argv[1]], store, model=model, jobs=jobs, dedupe=False, link=False)
            workers = worker_cpu()  # the pool is shut down, its workers ended and counted
            t_link = time.perf_counter()
            relink(store)
            seconds, link_seconds = time.perf_counter() - t, time.perf_counter() - t_link
            cpu = time.process_time() - cpu
        assert report.ok and report.added, report
        rss = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        print(json.dumps({"seconds": seconds, "link_seconds": link_seconds, "rss_mb": rss / 1024, "cpu": cpu,
                          "worker_cpu": workers, "load": load}))
    """
)


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model", default="")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each (interleaved); the fastest is kept"
    )
    args = parser.parse_args()
    raws: list[dict[str, float]] = []
    runs: dict[int, list[dict[str, float]]] = {j: [] for j in args.jobs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        texts = make_corpus(folder, args.docs)
        words = sum(len(t.split()) for t in texts)
        for _ in range(args.repeat):
            raws.append(run(RAW, str(folder), args.model))
            for j in args.jobs:
                runs[j].append(run(BUILD, str(folder), args.model, str(Path(tmp) / f"bench{j}.db"), str(j)))
                Path(tmp, f"bench{j}.db").unlink()
    raw = min(raws, key=lambda r: r["seconds"])
    builds = {j: min(rs, key=lambda r: r["seconds"]) for j, rs in runs.items()}
    print(
        f"corpus: {args.docs} documents, {words:,} words (synthetic, from seed paragraphs)"
        + (f"; fastest of {args.repeat} runs each" if args.repeat > 1 else "")
        + "\n"
    )
    print(
        f"{'run':<30}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'vs raw':>8}{'speed-up':>10}{'peak MB':>9}"
        f"{'cpu s':>14}{'load':>6}"
    )

    def cpu(r: dict[str, float]) -> str:
        return f"{r['cpu']:.0f}+{r['worker_cpu']:.0f}" if r["worker_cpu"] else f"{r['cpu']:.0f}"

    print(
        f"{'raw nlp.pipe (model only)':<30}{raw['seconds']:>9.1f}{args.docs / raw['seconds']:>9.1f}"
        f"{words / raw['seconds']:>10,.0f}{'1.00':>8}{'':>10}{raw['rss_mb']:>9.0f}"
        f"{cpu(raw):>14}{raw['load']:>6.1f}"
    )
    base = builds[args.jobs[0]]["seconds"]
    for j, r in builds.items():
        print(
            f"{f'dossier build --jobs {j}':<30}{r['seconds']:>9.1f}{args.docs / r['seconds']:>9.1f}"
            f"{words / r['seconds']:>10,.0f}{raw['seconds'] / r['seconds']:>8.2f}{base / r['seconds']:>10.2f}"
            f"{r['rss_mb']:>9.0f}{cpu(r):>14}{r['load']:>6.1f}"
        )
    print(
        "\n(the build's times include its final cross-document link stage, which took: "
        + ", ".join(f"--jobs {j}: {r['link_seconds']:.1f} s" for j, r in builds.items())
        + ";"
        "\n cpu s: the build process's CPU seconds + its worker processes'; load: 1-minute load average"
        " at the start)"
    )


if __name__ == "__main__":
    main()
