"""Peak memory of ``dossier build`` as the corpus grows.

usage: python benchmarks/memory.py [--sizes 1000 5000 20000] [--jobs 1]

For each size, a synthetic corpus of short documents (two seed paragraphs each) is built in
a fresh process; the table gives the peak resident memory of the streaming build (read,
annotate, store) and of the whole build including the final cross-document link stage
(which streams the stored records in three passes, keeping only each document's link
features): the build process's own peak (getrusage), and
the peak of all its processes together, pool workers included (sampled from /proc; the
workers are children of the fork server, which getrusage does not see).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import seed_paragraphs  # noqa: E402

BUILD = textwrap.dedent(
    """
    import json, os, resource, sys, threading, time
    from dossier.pipeline import build, relink
    from dossier.store import SQLiteStore

    def rss():
        return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024

    def tree_rss_mb():
        # resident memory of this process and every process below it (the fork server and
        # its pool workers are not our children, so getrusage does not see them): /proc
        parents = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as fh:
                        parents[int(name)] = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        tree, frontier = {os.getpid()}, [os.getpid()]
        while frontier:
            pid = frontier.pop()
            kids = [c for c, p in parents.items() if p == pid]
            tree.update(kids)
            frontier.extend(kids)
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/statm") as fh:
                    total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                pass
        return total / 2**20

    peak = {"tree": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.wait(0.5):
            peak["tree"] = max(peak["tree"], tree_rss_mb())

    threading.Thread(target=sample, daemon=True).start()
    with SQLiteStore(sys.argv[2]) as store:
        t = time.perf_counter()
        report = build([sys.argv[1]], store, jobs=int(sys.argv[3]), dedupe=False, link=False)
        stream_s, stream_rss, stream_tree = time.perf_counter() - t, rss(), peak["tree"]
        t = time.perf_counter()
        relink(store)
        link_s = time.perf_counter() - t
    stop.set()
    print(json.dumps({"docs": report.added, "stream_s": stream_s, "stream_mb": stream_rss,
                      "stream_tree_mb": stream_tree, "link_s": link_s, "total_mb": rss(),
                      "total_tree_mb": max(peak["tree"], tree_rss_mb())}))
    """
)


def write_corpus(folder: Path, n: int) -> None:
    rng = random.Random(7)
    paragraphs = seed_paragraphs()
    folder.mkdir(parents=True)
    for i in range(n):
        body = "\n\n".join(rng.sample(paragraphs, 2))
        (folder / f"d{i:06d}.txt").write_text(f"Bulletin {i}\n\n{body}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(Path(tmp) / "c", n)
            done = subprocess.run([sys.executable, "-c", BUILD, str(Path(tmp) / "c"), str(Path(tmp) / "m.db"),
                                   str(args.jobs)], capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"the build of {n} documents failed:\n{done.stderr[-3000:]}")
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"built {n}: {rows[-1]}", file=sys.stderr)
    first = rows[0]
    print("peak MB of the build process (getrusage), and of all its processes together (pool workers")
    print("included; /proc sampled every 0.5 s): the streaming build, then with the link stage")
    print(f"{'documents':>10}{'stream s':>10}{'process':>9}{'all':>7}{'vs first':>10}{'link s':>8}"
          f"{'process':>9}{'all':>7}{'vs first':>10}")
    for r in rows:
        print(f"{r['docs']:>10}{r['stream_s']:>10.0f}{r['stream_mb']:>9.0f}{r['stream_tree_mb']:>7.0f}"
              f"{r['stream_tree_mb'] / first['stream_tree_mb']:>10.2f}{r['link_s']:>8.1f}{r['total_mb']:>9.0f}"
              f"{r['total_tree_mb']:>7.0f}{r['total_tree_mb'] / first['total_tree_mb']:>10.2f}")


if __name__ == "__main__":
    main()
