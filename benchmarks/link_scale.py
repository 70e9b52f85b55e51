"""How linking time grows with the number of documents.

usage: python benchmarks/link_scale.py [--sizes 1000 5000 20000] [--seed 7] [--store [--split]] [--json]

Builds synthetic annotated records (no model needed): a world of events, each with a
date, a place, participants and a predicate; every document reports 6–10 of them in
template sentences with spelling variants of the names, place records with gazetteer ids,
timexes, claims, and one document in ten is a wire copy of another. Times
``dossier.link.link`` on each size (process CPU time, and wall time) and prints
documents/s and the growth factor per doubling of the corpus (goal ≤ 2.3: quadratic
would be 4). With ``--store`` the records are first written to a SQLite store (not timed)
and the link stage streams them from it, as ``dossier build`` does (``relink``: three
passes, each reading only the parts of a record it needs); ``--split`` then also prints
where the time goes: reading records, each step's per-document work (``add``) and its
cross-document merge (``finish``).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.link import link  # noqa: E402
from dossier.models import (  # noqa: E402
    AnnotatedDocument,
    Argument,
    Claim,
    Document,
    Geo,
    Mention,
    Place,
    Predicate,
    Published,
    Sentence,
    Speaker,
    Timex,
)
from dossier.pipeline import relink  # noqa: E402
from dossier.store import SQLiteStore  # noqa: E402

FIRST = ("Anna Boris Carla Dmytro Elena Farid Galina Hassan Irina Jonas Kateryna Leon Marta Nikolai "
         "Olena Pavel Rosa Serhiy Tamara Viktor Yulia Zoran").split()
SYLLABLES = ("ko va len mir dan sko rov ski che ta lo be ra ni gor us hen ka ty pol").split()
VERBS = ("attacked shelled entered captured visited announced evacuated rebuilt blockaded "
         "liberated bombed inspected surrounded abandoned reopened").split()
OBJECTS = ("the bridge", "the power plant", "the airport", "the port", "the railway station",
           "the dam", "the hospital", "the city centre", "the border crossing", "the harbour")
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _variant(rng: random.Random, name: str) -> str:
    """A spelling variant: one vowel swapped, or y/i, as transliterations differ."""
    if rng.random() < 0.5 and "y" in name:
        return name.replace("y", "i", 1)
    vowels = [i for i, c in enumerate(name) if c in "aeiou" and i > 0]
    if not vowels:
        return name
    i = rng.choice(vowels)
    return name[:i] + rng.choice("aeiou") + name[i + 1 :]


@dataclass
class World:
    people: list[str]
    places: list[tuple[str, Geo]]
    orgs: list[str]
    events: list[tuple[str, int, int, int, str, str]]
    """(date, person index, place index, org index, verb, object)."""


def make_world(n_docs: int, rng: random.Random) -> World:
    people = sorted({f"{rng.choice(FIRST)} {_word(rng, 3)}" for _ in range(max(50, n_docs // 2))})
    places = []
    for i in range(max(30, n_docs // 4)):
        name = _word(rng, 2) + rng.choice(["iv", "sk", "ka", "ne", ""])
        places.append((name, Geo(40 + rng.random() * 20, 20 + rng.random() * 20, f"synth:{i}", "city", "XX")))
    orgs = sorted({f"{_word(rng, 2)} {rng.choice(['Ministry', 'Army', 'Council', 'Agency'])}"
                   for _ in range(max(20, n_docs // 10))})
    events = []
    for _ in range(max(100, n_docs // 2)):
        day = rng.randrange(0, 4 * 365)
        y, rest = 2020 + day // 365, day % 365
        date = f"{y}-{rest // 28 % 12 + 1:02d}-{rest % 28 + 1:02d}"
        events.append((date, rng.randrange(len(people)), rng.randrange(len(places)),
                       rng.randrange(len(orgs)), rng.choice(VERBS), rng.choice(OBJECTS)))
    return World(people, places, orgs, events)


class _Builder:
    """Accumulates a document's text and records with offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.places: list[Place] = []
        self.timexes: list[Timex] = []
        self.claims: list[Claim] = []
        self.predicates: list[Predicate] = []

    def add(self, parts: list[tuple[str, str | None, object]]) -> None:
        """Append one sentence made of (text, kind, payload) parts."""
        start = len(self.text)
        for piece, kind, payload in parts:
            s = len(self.text)
            self.text += piece
            e = len(self.text)
            if kind in ("PERSON", "ORG"):
                self.mentions.append(Mention(s, e, piece, kind, kind))
            elif kind == "PLACE":
                self.places.append(Place(s, e, piece, "GPE", payload))  # type: ignore[arg-type]
            elif kind == "DATE":
                self.timexes.append(Timex(s, e, piece, "DATE", str(payload), None, "absolute"))
        end = len(self.text)
        self.sentences.append(Sentence(start, end, self.text[start:end]))
        self.text += " "


def _predicates(text: str, s0: int, person: str, verb: str, obj: str, place: str) -> list[Predicate]:
    """The two predicates of a template sentence, as a parser would give them."""
    end = text.index(".", s0 + len(person))
    said = text.index(" said ", s0) + 1
    v = text.index(" " + verb + " ", said) + 1
    o = v + len(verb) + 1
    pl = text.index(" " + place + " ", o) + 1
    return [
        Predicate(said, said + 4, "said", "say", "VERB", "past",
                  (Argument(s0, s0 + len(person), "subj", s0, s0 + len(person)),), s0, end + 1),
        Predicate(v, v + len(verb), verb, verb, "VERB", "past",
                  (Argument(o, o + len(obj), "obj"), Argument(pl, pl + len(place), "obl")), v - 7, end),
    ]


def make_document(i: int, world: World, rng: random.Random) -> AnnotatedDocument:
    b = _Builder()
    b.add([(f"Report {i} from the correspondents.", None, None)])
    for _ in range(rng.randint(6, 10)):
        date, pi, li, oi, verb, obj = rng.choice(world.events)
        person = world.people[pi]
        if rng.random() < 0.15:
            person = _variant(rng, person)
        elif rng.random() < 0.3:
            person = person.split()[-1]
        place, geo = world.places[li]
        y, m, d = date.split("-")
        when = f"{int(d)} {MONTHS[int(m) - 1]} {y}"
        s0 = len(b.text)
        b.add([(person, "PERSON", None), (" of the ", None, None), (world.orgs[oi], "ORG", None),
               (f" said forces {verb} {obj} in ", None, None), (place, "PLACE", geo),
               (" on ", None, None), (when, "DATE", date), (".", None, None)])
        b.predicates.extend(_predicates(b.text, s0, person, verb, obj, place))
    if rng.random() < 0.5:
        date, pi, li, *_ = rng.choice(world.events)
        n = rng.choice([10, 12, 20, 30, 40]) * 100
        start = len(b.text)
        b.add([(f"Officials said {n:,} soldiers were moved near ", None, None),
               (world.places[li][0], "PLACE", world.places[li][1]), (".", None, None)])
        b.claims.append(Claim(start, len(b.text) - 1, b.text[start:-1], float(n), None, None, "soldiers",
                              "soldiers", None, Speaker("Officials")))
    doc = Document(id=f"doc{i:06d}", path=f"doc{i:06d}.txt", text=b.text.rstrip(), kind="news",
                   published=Published(None))
    return AnnotatedDocument(doc, tuple(b.sentences), tuple(b.mentions), tuple(b.timexes),
                             tuple(b.places), tuple(b.claims), predicates=tuple(b.predicates))


def make_records(n_docs: int, seed: int) -> list[AnnotatedDocument]:
    rng = random.Random(seed)
    world = make_world(n_docs, rng)
    records: list[AnnotatedDocument] = []
    for i in range(n_docs):
        if records and rng.random() < 0.1:
            src = rng.choice(records)
            doc = src.document
            copy = Document(id=f"doc{i:06d}", path=f"doc{i:06d}.txt", text=doc.text, kind="news")
            records.append(AnnotatedDocument(copy, src.sentences, src.mentions, src.timexes, src.places,
                                             src.claims, predicates=src.predicates))
        else:
            records.append(make_document(i, world, rng))
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--store", action="store_true",
                        help="stream the records from a SQLite store, as dossier build does")
    parser.add_argument("--split", action="store_true", help="with --store: where the link stage's time goes")
    args = parser.parse_args(argv)
    split = _timed_steps() if args.split and args.store else None
    rows = []
    for n in args.sizes:
        records = make_records(n, args.seed)
        with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "link.db") as store:
            if args.store:
                store.write_batch(records)
                del records
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            if args.store:
                if split is not None:
                    split.clear()
                relink(store)
                result = store.read_links()
            else:
                result = link(records)
            wall, seconds = time.perf_counter() - t0, time.process_time() - c0
        rows.append({"docs": n, "seconds": round(seconds, 2), "wall": round(wall, 2),
                     "docs_per_s": round(n / seconds, 1), "mentions": len(result.mentions),
                     "entities": len(result.entities), "events": len(result.events),
                     "conflicts": len(result.conflicts)})
        if split is not None:
            rows[-1]["split"] = {k: round(v, 2) for k, v in sorted(split.items(), key=lambda kv: -kv[1])}
    for prev, row in zip(rows, rows[1:]):
        doublings = math.log2(row["docs"] / prev["docs"])
        row["growth_per_doubling"] = round((row["seconds"] / prev["seconds"]) ** (1 / doublings), 2)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'docs':>7} {'cpu s':>9} {'wall s':>8} {'docs/s':>8} {'entities':>9} {'events':>8} {'conflicts':>9} "
          f"{'mentions':>9} {'growth/2x':>9}")
    for row in rows:
        print(f"{row['docs']:>7} {row['seconds']:>9} {row['wall']:>8} {row['docs_per_s']:>8} {row['entities']:>9} "
              f"{row['events']:>8} {row['conflicts']:>9} {row['mentions']:>9} "
              f"{row.get('growth_per_doubling', ''):>9}")
    print("cpu s: link(), the predicate-level event mentions included"
          + ("; streamed from a store, the view written back and read" if args.store else ""))
    print("goal: growth per doubling <= 2.3 (linear = 2, quadratic = 4); growth from CPU time,")
    print("which a machine shared with other work disturbs less than wall time")
    for row in rows:
        if "split" in row:
            total = sum(row["split"].values())
            print(f"\nwhere the time goes, {row['docs']} documents (wall s, share of the timed steps):")
            for step, s in row["split"].items():
                print(f"  {step:<34}{s:>8.2f}{s / total:>8.0%}")
    return 0


def _timed_steps() -> dict[str, float]:
    """Wall seconds spent in each link step, gathered by wrapping the steps' methods and the
    store's record reads (a benchmark's instrument: the link stage itself keeps no timer)."""
    from dossier.link import conflicts, dates, entities, events

    spent: dict[str, float] = {}

    def timed(owner: object, attr: str, label: str) -> None:
        inner = getattr(owner, attr)

        def wrapper(*args: object, **kwargs: object) -> object:
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - t

        setattr(owner, attr, wrapper)

    for cls, name in ((dates.PublishedInference, "dates"), (entities.Resolver, "entities"),
                      (events.Timeline, "timeline"), (conflicts.ConflictFinder, "conflicts"),
                      (events.PredicateMentions, "predicate mentions")):
        timed(cls, "add", f"{name}: per document")
        timed(cls, "finish", f"{name}: merge")
    timed(SQLiteStore, "_record", "reading records")
    return spent


if __name__ == "__main__":
    sys.exit(main())
