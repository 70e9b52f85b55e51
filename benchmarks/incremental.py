"""Adding documents to a linked dossier: the incremental link beside a full one.

usage: python benchmarks/incremental.py [--synthetic 2000 20000] [--db STORE.db ...] [--add 1 10 50] [--json]

For each dossier (synthetic annotated records from ``link_scale.py``, no model needed; or
the records of built stores, e.g. ``dossier build`` over a corpus), the last ``--add``
documents are held back: the others are written to a fresh store and linked in full, then
the held-back ones are added and linked again, incrementally (``relink``: the new
documents and the stored ones they touch, spliced into the stored view). A full link of
the same documents is made on a copy of the store. The table gives the wall time of each,
the documents the incremental link read, and how far its view is from the full one's:

* entities / entries: B³ F1 of the incremental view's clustering of entity mentions
  (timeline evidence sentences) against the full view's (1.0: the same clusters);
* entity ids: the share of the full view's entities with the same id and mentions;
* conflicts: Jaccard of the two sets of conflicts (as sets of claim ids: a conflict the
  incremental view widened with a stored claim counts as different), and the B³ F1 of
  their clustering of claims;
* dates: the share of the new documents whose publication date (inferred or not) agrees.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import b_cubed  # noqa: E402
from link_scale import make_records  # noqa: E402

from dossier.models import AnnotatedDocument, LinkResult  # noqa: E402
from dossier.pipeline import LinkPlan, relink  # noqa: E402
from dossier.store import SQLiteStore  # noqa: E402


def _entity_clusters(view: LinkResult) -> dict:
    return {(m.doc, m.start, m.end): e.id for e in view.entities for m in e.mentions}


def _entry_clusters(view: LinkResult) -> dict:
    return {(x.doc, x.start, x.end, ev.date.value[:4]): ev.id for ev in view.events for x in ev.evidence}


def _conflict_clusters(view: LinkResult) -> dict:
    return {(c.kind, x): c.id for c in view.conflicts for x in c.claims}


def compare(full: LinkResult, inc: LinkResult, new: set[str]) -> dict[str, float]:
    """How close the incremental view is to the full one (see the module)."""
    same = {(e.id, e.mentions) for e in full.entities} & {(e.id, e.mentions) for e in inc.entities}
    a = {frozenset(c.claims) for c in full.conflicts}
    b = {frozenset(c.claims) for c in inc.conflicts}
    dates = [full.published.get(d) == inc.published.get(d) for d in sorted(new)]
    return {
        "entities_b3": round(b_cubed(_entity_clusters(full), _entity_clusters(inc))[2], 4),
        "entries_b3": round(b_cubed(_entry_clusters(full), _entry_clusters(inc))[2], 4),
        "entity_ids": round(len(same) / max(len(full.entities), 1), 4),
        "conflicts_jaccard": round(len(a & b) / len(a | b), 4) if a | b else 1.0,
        "conflicts_b3": round(b_cubed(_conflict_clusters(full), _conflict_clusters(inc))[2], 4),
        "dates": round(sum(dates) / len(dates), 4) if dates else 1.0,
        "entries_full": len(full.events),
        "entries_incremental": len(inc.events),
    }


def run(name: str, records: list[AnnotatedDocument], add: int, tmp: Path) -> dict:
    records = sorted(records, key=lambda r: r.document.id)
    base, extra = records[:-add], records[-add:]
    path = tmp / f"{name}-{add}.db"
    with SQLiteStore(path) as store:
        store.write_batch(base)
        relink(store)
        store.write_batch(extra)
    shutil.copy(path, tmp / "full.db")
    plans: list[LinkPlan] = []
    with SQLiteStore(path) as store:
        t0 = time.perf_counter()
        relink(store, on_plan=plans.append)
        incremental = time.perf_counter() - t0
        inc = store.read_links()
    with SQLiteStore(tmp / "full.db") as store:
        t0 = time.perf_counter()
        relink(store, full=True)
        full_s = time.perf_counter() - t0
        full = store.read_links()
    plan = plans[0]
    row = {
        "dossier": name,
        "documents": len(records),
        "added": add,
        "mode": plan.mode,
        "read": plan.documents,
        "full_s": round(full_s, 2),
        "incremental_s": round(incremental, 2),
    }
    row |= compare(full, inc, {r.document.id for r in extra})
    for leftover in (path, tmp / "full.db"):
        leftover.unlink()
    return row


def _stored(db: Path) -> list[AnnotatedDocument]:
    with SQLiteStore(db, read_only=True) as store:
        return list(store.iter_records())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--db", type=Path, nargs="*", default=[])
    parser.add_argument("--add", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    dossiers = [(f"synthetic {n}", lambda n=n: make_records(n, args.seed)) for n in args.synthetic]
    dossiers += [(db.stem, lambda db=db: _stored(db)) for db in args.db]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in dossiers:
            records = make()
            for add in args.add:
                rows.append(run(name.replace(" ", "-"), records, add, Path(tmp)))
                if not args.json:
                    _print(rows[-1:], header=len(rows) == 1)
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print("read: documents the incremental link read (new + touched); b3: B³ F1 against the full view")
    return 0


def _print(rows: list[dict], header: bool) -> None:
    cols = (
        "dossier",
        "documents",
        "added",
        "mode",
        "read",
        "full_s",
        "incremental_s",
        "entities_b3",
        "entries_b3",
        "entity_ids",
        "conflicts_jaccard",
        "conflicts_b3",
        "dates",
        "entries_full",
        "entries_incremental",
    )
    if header:
        print(" ".join(f"{c:>{max(len(c), 8)}}" for c in cols))
    for row in rows:
        print(" ".join(f"{row[c]!s:>{max(len(c), 8)}}" for c in cols), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
