"""SemEval-2015 Task 4 (TimeLine), Track A: entity timelines from raw text.

usage: python benchmarks/timeline_semeval2015.py [--trial] [--corpus DIR] [--json] [--limit N]

``--trial`` runs the trial (development) set: 30 documents about Apple, 6 target entities;
without it, the three evaluation corpora (30 WikiNews articles each). Documents are read from
the Track A CAT files (their own tokens and sentence numbers, the document creation time
from the CREATION_TIME TIMEX3), annotated by ``dossier.annotate`` (which keeps each parse's
predicates: ``dossier.annotate.predicates.from_parse``), linked by ``dossier.link.link`` and
turned into predicate-level event mentions by ``dossier.link.events.event_mentions``
(participants, date from the clause's time expression, the story's day or the tense,
cross-document coreference clusters). For every target entity (matched to the resolved
entities by name; followed by name in the text when no entity is named like it), each
coreference cluster of mentions the target takes part in becomes one timeline line: its
mentions' ``docid-sentence-word`` ids and their most common date; undated clusters go to
position 0; dated lines are ordered by date, a coarser date before the finer ones inside it.

Score: temporal awareness (UzZaman & Allen 2011) over timeline graphs, micro-averaged over
all target entities, re-implemented from the task's description of its official scorer
(alt.qcri.org/semeval2015/task4, "Tools": the scorer itself is not in the corpus). As its
"ordering and time anchors" conversion: each time anchor is a TIMEX3 node, each anchored
event is SIMULTANEOUS with its anchor, mentions on one line and lines of one position are
SIMULTANEOUS, each position is BEFORE the next; position-0 lines carry no ordering. The
relation sets are the transitive reductions; precision = system relations entailed by the
gold graph's closure / system relations; recall = gold relations entailed by the system
graph's closure / gold relations. Anchor: best Track A system 7.85 F1 (Minard et al. 2015).
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.annotate import annotate  # noqa: E402
from dossier.link import keys, link  # noqa: E402
from dossier.link.events import event_mentions  # noqa: E402
from dossier.models import Document, Published  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "semeval2015-task4-timeline"


@dataclass
class CatDoc:
    doc_id: str
    dct: str | None
    text: str
    tokens: list[tuple[int, int, int, str]]
    """(start, end, sentence, word)."""


def read_cat(path: Path) -> CatDoc:
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for t in root.iter("token"):
        by_sentence[int(t.get("sentence"))].append(t.text or "")
    text, tokens = "", []
    for s in sorted(by_sentence):
        for w in by_sentence[s]:
            start = len(text)
            text += w
            tokens.append((start, len(text), s, w))
            text += " "
        text = text.rstrip(" ") + "\n"
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = (tx.get("value") or "")[:10] or None
    return CatDoc(root.get("doc_id"), dct, text, tokens)


# -- gold and scoring ----------------------------------------------------------------------

Timeline = list[tuple[int, str, list[str]]]
"""(position, date, mention ids) lines."""


def read_gold(path: Path) -> Timeline:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    out = []
    for line in lines:
        parts = line.strip().split("\t")
        if len(parts) >= 3:
            # the trial gold writes TIMEX3 values ("1976", "2006-03"); the evaluation gold pads them
            date = parts[1] if "X" in parts[1] else timex_date(parts[1])
            date = UNDATED if date.startswith("X") else date
            out.append((int(parts[0]), date, parts[2:]))
    return out


UNDATED = "XXXX-XX-XX"


def relations(timeline: Timeline) -> set[tuple[str, str, str]]:
    """The reduced relations of a timeline graph (see the module docstring).

    As the official conversion ("ordering and time anchors") does: each anchored line's
    event is SIMULTANEOUS with a TIMEX3 node of its date; mentions of one line are
    SIMULTANEOUS; lines of one position are SIMULTANEOUS; each position is BEFORE the next.
    Relations the others entail are left out (one BEFORE per pair of consecutive positions;
    lines sharing a position and a date meet through their TIMEX3), so the counts are those
    of the transitive reduction the temporal-awareness metric scores.
    """
    rels: set[tuple[str, str, str]] = set()
    levels: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pos, date, mentions in timeline:
        for a, b in zip(mentions, mentions[1:]):
            rels.add((a, "SIMULTANEOUS", b))
        if pos > 0:
            if date != UNDATED:
                rels.add((mentions[0], "SIMULTANEOUS", "TIMEX:" + date))
            levels[pos].append((mentions[0], date))
    ordered = [levels[p] for p in sorted(levels)]
    for level in ordered:
        first, first_date = level[0]
        seen = {first_date} if first_date != UNDATED else set()
        for mention, date in level[1:]:
            if date != UNDATED and date in seen:
                continue
            rels.add((first, "SIMULTANEOUS", mention))
            if date != UNDATED:
                seen.add(date)
    for here, nxt in zip(ordered, ordered[1:]):
        rels.add((here[0][0], "BEFORE", nxt[0][0]))
    return rels


class Closure:
    """Entailment over SIMULTANEOUS (equality classes) and BEFORE (reachability)."""

    def __init__(self, rels: set[tuple[str, str, str]]) -> None:
        self.parent: dict[str, str] = {}
        for a, r, b in rels:
            self.find(a)
            self.find(b)
            if r == "SIMULTANEOUS":
                self._union(a, b)
        self.after: dict[str, set[str]] = defaultdict(set)
        for a, r, b in rels:
            if r == "BEFORE":
                self.after[self.find(a)].add(self.find(b))

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def reach(self, node: str) -> frozenset[str]:
        """Every class after ``node``'s class (memoised; the graphs are acyclic)."""
        root = self.find(node)
        memo = self.__dict__.setdefault("_reach", {})
        if root in memo:
            return memo[root]
        memo[root] = frozenset()  # guards against a cycle in malformed input
        out: set[str] = set()
        for nxt in self.after.get(root, ()):
            out.add(nxt)
            out |= self.reach(nxt)
        memo[root] = frozenset(out)
        return memo[root]

    def entails(self, a: str, rel: str, b: str) -> bool:
        if a not in self.parent or b not in self.parent:
            return False
        if rel == "SIMULTANEOUS":
            return self.find(a) == self.find(b)
        return self.find(b) in self.reach(a)


def awareness(gold: Timeline, system: Timeline) -> tuple[int, int, int, int]:
    """(system relations entailed by gold, system relations, gold entailed by system, gold relations)."""
    g, s = relations(gold), relations(system)
    gc, sc = Closure(g), Closure(s)
    return (sum(gc.entails(*r) for r in s), len(s), sum(sc.entails(*r) for r in g), len(g))


# -- the system ----------------------------------------------------------------------------


def timex_date(value: str) -> str:
    """A timeline date: ``2008-03-01``, ``2008-03-XX`` or ``2008-XX-XX``."""
    first = value.split("/", 1)[0][:10]
    parts = first.split("-")
    while len(parts) < 3:
        parts.append("XX")
    return "-".join(parts[:3])


def date_order(date: str) -> str:
    """Sort key of a timeline date: a coarser date before the finer ones inside it (as gold)."""
    return date.replace("XX", "00")


def target_entities(target: str, result) -> set[str]:
    """Entity ids named like the target (same name key, or same skeleton)."""
    want = keys.name_key(target)
    exact = {e.id for e in result.entities
             if any(keys.name_key(n) == want for n in (e.name, *e.aliases))}
    if exact:
        return exact
    skel = keys.name_skeleton(target)
    found = {e.id for e in result.entities if any(keys.name_skeleton(n) == skel for n in (e.name, *e.aliases))}
    if found:
        return found
    # a longer form of the name, or a shorter one of two words or more ("Dow Jones" for "Dow
    # Jones Industrial Average"; "iPhone" is not "iPhone 3G")
    want_toks = set(keys.name_tokens(target))
    out = set()
    for e in result.entities:
        if e.type == "NORP":
            continue
        for n in (e.name, *e.aliases):
            toks = set(keys.name_tokens(n))
            # a shorter form may leave out only generic words the target writes in lower case
            missing = [w for w in target.split() if keys.name_key(w) not in toks]
            generic = all(w.islower() for w in missing)
            if toks and (want_toks <= toks or (toks <= want_toks and (len(toks) >= 2 or generic))):
                out.add(e.id)
    return out


def build_timelines(docs: list[CatDoc], targets: list[str], nlp) -> dict[str, Timeline]:
    documents = [Document(id=d.doc_id, path=f"{d.doc_id}.txt", text=d.text, kind="news",
                          published=Published(d.dct, "metadata" if d.dct else "unknown")) for d in docs]
    records = list(annotate(documents, nlp))
    result = link(records)
    # a target no resolved entity is named like is followed by its name (a user's query)
    ids_of = {target: target_entities(target, result) for target in targets}
    names = {target: "target:" + target for target in targets if not ids_of[target]}
    mentions = event_mentions(records, result, names)
    token_at = {d.doc_id: {s: (sent, w) for s, _e, sent, w in d.tokens} for d in docs}
    out = {}
    for target in targets:
        ids = ids_of[target]
        clusters: dict[str, list] = defaultdict(list)
        for m in mentions:
            if ids & set(m.participants) or m.place in ids or "target:" + target in m.participants:
                clusters[m.cluster].append(m)
        lines: list[tuple[str, list[str]]] = []
        for members in clusters.values():
            words = []
            for m in sorted(members, key=lambda m: (m.doc, m.start)):
                at = token_at[m.doc].get(m.start)
                if at is not None:
                    words.append(f"{m.doc}-{at[0]}-{at[1]}")
            if not words:
                continue
            dated = [m.date.value for m in members if m.date is not None]
            date = timex_date(Counter(dated).most_common(1)[0][0]) if dated else UNDATED
            lines.append((date, list(dict.fromkeys(words))))
        timeline: Timeline = [(0, UNDATED, w) for d, w in lines if d == UNDATED]
        dates = sorted({d for d, _ in lines if d != UNDATED}, key=date_order)
        position = {d: i for i, d in enumerate(dates, start=1)}
        timeline += [(position[d], d, w) for d, w in lines if d != UNDATED]
        out[target] = sorted(timeline, key=lambda line: (line[0], line[2]))
    return out


def gold_path(gold_dir: Path, target: str) -> Path | None:
    for name in (target.lower().replace(" ", "_").replace("&", "_and_"), target.lower().replace(" ", "_")):
        if (gold_dir / f"{name}.txt").exists():
            return gold_dir / f"{name}.txt"
    return None


def evaluate(docs: list[CatDoc], gold: dict[str, Timeline], nlp) -> list[int]:
    system = build_timelines(docs, sorted(gold), nlp)
    counts = [0, 0, 0, 0]
    for target, timeline in gold.items():
        for i, n in enumerate(awareness(timeline, system.get(target, []))):
            counts[i] += n
    return counts


def corpora(root: Path, limit: int, trial: bool) -> list[tuple[str, list[CatDoc], dict[str, Timeline]]]:
    """(name, documents, gold timelines by target) of the trial set or the three evaluation sets."""
    if trial:
        files = sorted((root / "Corpus-trial-data_task4").glob("*.xml"))[: limit or None]
        gold = {}
        for path in sorted((root / "TimeLines_trial_data_task4_v1.2").glob("*.txt")):
            gold[path.read_text(encoding="utf-8").splitlines()[0].strip()] = read_gold(path)
        return [("trial", [read_cat(p) for p in files], gold)]
    out = []
    for folder in sorted((root / "SemEval_Task4_data").glob("corpus_*")):
        files = sorted((folder / "corpus_trackA_CAT").glob("*.xml"))[: limit or None]
        targets = [t.strip() for t in (folder / f"list_target_entities_{folder.name}.txt").read_text().splitlines() if t.strip()]
        gold = {}
        for target in targets:
            path = gold_path(folder / "TimeLines_Gold_Standard", target)
            if path is not None:
                gold[target] = read_gold(path)
        out.append((folder.name, [read_cat(p) for p in files], gold))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--trial", action="store_true", help="the trial (development) set instead of the evaluation sets")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    args = parser.parse_args(argv)
    from dossier.annotate import build_pipeline

    nlp = build_pipeline()
    totals = [0, 0, 0, 0]
    rows = []
    sets = corpora(args.corpus, args.limit, args.trial)
    for name, docs, gold in sets:
        counts = evaluate(docs, gold, nlp)
        rows.append({"corpus": name, **_prf(counts)})
        totals = [a + b for a, b in zip(totals, counts)]
    if len(sets) > 1:
        rows.append({"corpus": "all", **_prf(totals)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'corpus':10} {'P':>6} {'R':>6} {'F1':>6}")
    for row in rows:
        print(f"{row['corpus']:10} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f}")
    print("anchor: best SemEval-2015 Track A system 7.85 F1 (official scorer; ours is a re-implementation)")
    return 0


def _prf(counts: list[int]) -> dict[str, float]:
    p = counts[0] / counts[1] if counts[1] else 0.0
    r = counts[2] / counts[3] if counts[3] else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}


if __name__ == "__main__":
    sys.exit(main())
