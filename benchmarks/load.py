"""Load on ``dossier serve`` (loopback only): 50 readers and one writer for 60 s.

usage: python benchmarks/load.py [--readers 50] [--seconds 60] [--db SEEDS.db]

Builds the seeds dossier (unless --db names one; a copy is used), serves it on 127.0.0.1,
runs the readers (timeline, entities, search, claims, places, in turn) while one client adds
documents through POST /api/documents, and prints requests/s, latency percentiles, 5xx
answers, and whether every added document is there afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main() -> None:
    import dossier
    from dossier.present.web.load import LiveServer, missing_documents, run_load

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            dossier.build([str(SEEDS)], db=db)
        server = LiveServer(str(db), token="load-test-token")
        try:
            report = asyncio.run(run_load(server.url, "load-test-token", readers=args.readers, seconds=args.seconds))
            missing = missing_documents(server.url, report.posted)
        finally:
            server.stop()
    writes = report.write_latencies_ms
    print(f"{args.readers} readers + 1 writer for {args.seconds:.0f} s against dossier serve on 127.0.0.1\n")
    print(f"{'reads':>8}{'reads/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'5xx':>6}{'other err':>11}"
          f"{'docs added':>12}{'write p50 ms':>14}{'missing after':>15}")
    print(f"{report.requests:>8}{report.rate:>9.1f}{report.percentile(50):>9.0f}{report.percentile(95):>9.0f}"
          f"{report.percentile(99):>9.0f}{report.errors_5xx:>6}{report.other_errors:>11}{len(report.posted):>12}"
          f"{statistics.median(writes) if writes else float('nan'):>14.0f}{len(missing):>15}")


if __name__ == "__main__":
    main()
