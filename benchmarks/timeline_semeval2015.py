"""SemEval-2015 Task 4 (TimeLine), Track A: entity timelines from raw text.

usage: python benchmarks/timeline_semeval2015.py [--corpus DIR] [--json] [--limit N]

For each of the three evaluation corpora (30 WikiNews articles each) the documents are
read from the Track A CAT files (their own tokens and sentence numbers, the document
creation time from the CREATION_TIME TIMEX3), annotated by ``dossier.annotate`` and linked
by ``dossier.link.link``. For every target entity, the timeline entries whose sentences
mention the entity become timeline lines: the entry's date, one event word per evidence
sentence (the verb governing the entity's mention, from the model's parse), same-date
entries sharing a position.

Score: temporal awareness (UzZaman & Allen 2011) over timeline graphs, micro-averaged over
all target entities, re-implemented from the task description (the official scorer is not
in the corpus): each timeline becomes a graph whose nodes are event mentions
(``docid-sentence-word``), mentions on one line are SIMULTANEOUS, events of one position
are SIMULTANEOUS and each event is BEFORE every event of the next position; unanchored
(position 0) lines carry no relation. precision = system relations entailed by the gold
graph's closure / system relations; recall = gold relations entailed by the system graph's
closure / gold relations. Anchor: best Track A system 7.85 F1 (Minard et al. 2015).
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.link import keys, link  # noqa: E402
from dossier.models import AnnotatedDocument, Document, Published  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "semeval2015-task4-timeline" / "SemEval_Task4_data"


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
            out.append((int(parts[0]), parts[1], parts[2:]))
    return out


def relations(timeline: Timeline) -> set[tuple[str, str, str]]:
    """The reduced relations of a timeline graph (see the module docstring)."""
    rels: set[tuple[str, str, str]] = set()
    levels: dict[int, list[str]] = defaultdict(list)
    for pos, _date, mentions in timeline:
        for a, b in zip(mentions, mentions[1:]):
            rels.add((a, "SIMULTANEOUS", b))
        if pos > 0:
            levels[pos].append(mentions[0])
    ordered = [levels[p] for p in sorted(levels)]
    for level in ordered:
        for a, b in zip(level, level[1:]):
            rels.add((a, "SIMULTANEOUS", b))
    for here, nxt in zip(ordered, ordered[1:]):
        for a in here:
            for b in nxt:
                rels.add((a, "BEFORE", b))
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
    # a shorter or longer form of the name ("Dow Jones" for "Dow Jones Industrial Average")
    want_toks = set(keys.name_tokens(target))
    return {e.id for e in result.entities for n in (e.name, *e.aliases)
            if len(set(keys.name_tokens(n)) & want_toks) >= max(1, min(len(want_toks), len(keys.name_tokens(n))))
            and e.type not in ("NORP",)}


def build_timelines(docs: list[CatDoc], targets: list[str], nlp) -> dict[str, Timeline]:
    from dossier.annotate import annotate

    documents = [Document(id=d.doc_id, path=f"{d.doc_id}.txt", text=d.text, kind="news",
                          published=Published(d.dct, "metadata" if d.dct else "unknown")) for d in docs]
    records: list[AnnotatedDocument] = list(annotate(documents, nlp))
    result = link(records)
    parsed = {d.doc_id: nlp(d.text) for d in docs}
    token_at = {d.doc_id: {s: (sent, w) for s, _e, sent, w in d.tokens} for d in docs}
    mention_spans = {e.id: [(m.doc, m.start, m.end) for m in e.mentions] for e in result.entities}
    out = {}
    for target in targets:
        ids = target_entities(target, result)
        lines: dict[str, list[str]] = defaultdict(list)
        for event in result.events:
            if not ids & set(event.participants) and event.place not in ids:
                continue
            for x in event.evidence:
                spans = [(s, e) for eid in ids for d, s, e in mention_spans[eid] if d == x.doc and x.start <= s < x.end]
                word_id = _trigger(parsed[x.doc], token_at[x.doc], x.doc, spans, x.start, x.end)
                if word_id and word_id not in lines[event.date.value]:
                    lines[event.date.value].append(word_id)
        timeline: Timeline = []
        for pos, value in enumerate(sorted(lines, key=lambda v: (timex_date(v), v)), start=1):
            timeline.append((pos, timex_date(value), lines[value]))
        out[target] = timeline
    return out


def _trigger(sdoc, token_at, doc_id: str, spans, start: int, end: int) -> str | None:
    """``docid-sentence-word`` of the verb governing the entity's mention in the sentence."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    anchors = [sdoc.char_span(s, e, alignment_mode="expand") for s, e in spans]
    verb = None
    for a in anchors:
        if a is None:
            continue
        tok = a.root
        while tok.head.i != tok.i and tok.pos_ != "VERB":
            tok = tok.head
        if tok.pos_ == "VERB":
            verb = tok
            break
    if verb is None:
        roots = [t for t in span if t.dep_ == "ROOT" and t.pos_ in ("VERB", "NOUN")]
        verb = roots[0] if roots else None
    if verb is None or verb.idx not in token_at:
        return None
    sentence, word = token_at[verb.idx]
    return f"{doc_id}-{sentence}-{word}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    args = parser.parse_args(argv)
    from dossier.annotate import build_pipeline

    nlp = build_pipeline()
    totals = [0, 0, 0, 0]
    rows = []
    for folder in sorted(args.corpus.glob("corpus_*")):
        files = sorted((folder / "corpus_trackA_CAT").glob("*.xml"))
        if args.limit:
            files = files[: args.limit]
        docs = [read_cat(p) for p in files]
        targets = [t.strip() for t in (folder / f"list_target_entities_{folder.name}.txt").read_text().splitlines() if t.strip()]
        system = build_timelines(docs, targets, nlp)
        gold_dir = folder / "TimeLines_Gold_Standard"
        counts = [0, 0, 0, 0]
        for target in targets:
            path = gold_dir / (target.lower().replace(" ", "_").replace("&", "_and_") + ".txt")
            if not path.exists():
                path = gold_dir / (target.lower().replace(" ", "_") + ".txt")
            if not path.exists():
                continue
            for i, n in enumerate(awareness(read_gold(path), system.get(target, []))):
                counts[i] += n
        p = counts[0] / counts[1] if counts[1] else 0.0
        r = counts[2] / counts[3] if counts[3] else 0.0
        rows.append({"corpus": folder.name, "precision": 100 * p, "recall": 100 * r,
                     "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)})
        totals = [a + b for a, b in zip(totals, counts)]
    p = totals[0] / totals[1] if totals[1] else 0.0
    r = totals[2] / totals[3] if totals[3] else 0.0
    rows.append({"corpus": "all", "precision": 100 * p, "recall": 100 * r,
                 "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'corpus':10} {'P':>6} {'R':>6} {'F1':>6}")
    for row in rows:
        print(f"{row['corpus']:10} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f}")
    print("anchor: best SemEval-2015 Track A system 7.85 F1 (official scorer; ours is a re-implementation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
