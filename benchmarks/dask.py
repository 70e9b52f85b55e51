"""The local engine beside a 2-worker Dask LocalCluster on the same corpus: time and output.

usage: python benchmarks/dask.py [--docs 300]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

# this file is named dask.py (as the issue names it): keep its folder off the import path so
# that "import dask" finds the library, and load the corpus helper by its path instead
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("_corpus", HERE / "_corpus.py")
_corpus = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_corpus)  # type: ignore[union-attr]
make_corpus = _corpus.make_corpus


def export(db: Path) -> dict:  # type: ignore[type-arg]
    import dossier

    with dossier.open(db) as d:
        data = d.export()
    data.pop("generator", None)
    return data


def main() -> None:
    from dossier.pipeline import build
    from dossier.scale.dask import build_with_dask
    from dossier.store import SQLiteStore

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.docs)
        times = {}
        for name, run in [
            ("local --jobs 2", lambda s: build([str(folder)], s, jobs=2)),
            ("dask LocalCluster, 2 workers", lambda s: build_with_dask([str(folder)], s, workers=2)),
        ]:
            with SQLiteStore(Path(tmp) / f"{len(times)}.db") as store:
                t = time.perf_counter()
                report = run(store)
                times[name] = (time.perf_counter() - t, report)
        same = export(Path(tmp) / "0.db") == export(Path(tmp) / "1.db")
    print(f"corpus: {args.docs} documents\n")
    print(f"{'engine':<32}{'seconds':>9}{'docs/s':>9}{'added':>7}{'copies':>8}")
    for name, (seconds, report) in times.items():
        print(f"{name:<32}{seconds:>9.1f}{args.docs / seconds:>9.1f}{report.added:>7}{report.duplicates:>8}")
    print(f"\nidentical export: {same}")


if __name__ == "__main__":
    main()
