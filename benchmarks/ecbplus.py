"""Cross-document event and entity coreference on ECB+ (Cybulska & Vossen 2014).

usage: python benchmarks/ecbplus.py [--corpus DIR] [--split test|dev] [--json]

Standard setting: test topics 36–45 (dev 2, 5, 12, 18, 21, 23, 34, 35), mentions restricted
to the sentences listed in ``ECBplus_coreference_sentences.csv``, gold topics, singletons
kept. Prints MUC, B³, CEAF-e and CoNLL F1 (metrics in ``coref_metrics.py``) for:

* events and entities with gold mentions;
* events and entities end to end: mentions predicted by the spaCy model (verbs and
  eventive nouns for events; noun chunks and names for entities), matched to gold mentions
  by their head token lying inside the gold span.

The product (rows "product: …"): each gold topic's documents (their own tokens, one sentence
a line) go through ``dossier``'s annotate pipeline, the parse's predicates
(``dossier.annotate.predicates.from_parse``) and ``dossier.link.link``; event clusters are the
coreference clusters of ``dossier.link.events.event_mentions`` (predicate-level mentions),
entity clusters the ``LinkResult``'s merged entities (a name's last token is its head).
Gold mentions: a gold mention takes the cluster of the product's mention at one of its
tokens, else stays a singleton. End to end: the product's mentions in the listed sentences.

The lemma baseline (rows "baseline: …"): documents of a topic are clustered into
sub-topics (IDF-weighted overlap of their names and content lemmas, average link), then within a sub-topic event mentions
with the same lemma stem (``dossier.link.keys.word_stem``) corefer, and entity mentions
corefer when their names match under ``dossier.link.keys`` (name key, transliteration
skeleton, surname) or, for common nouns, their head lemmas agree.
Published anchors (gold mentions, events, CoNLL F1): lemma + doc-clustering baseline
≈ 70–76; Barhom et al. 2019 ≈ 79.5; Held et al. 2021 ≈ 85. End to end: Cattan et al. 2021
≈ 42.4 (the figure the issue cites). Verify in the papers before quoting.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from coref_metrics import conll  # noqa: E402

from dossier.link import keys  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ecbplus"
SPLITS = {
    "test": [str(t) for t in range(36, 46)],
    "dev": ["2", "5", "12", "18", "21", "23", "34", "35"],
}
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")

#: Sub-topic clustering threshold (average IDF-weighted Dice of document term sets), tuned
#: on the dev topics.
DOC_JOIN = 0.12

#: Nominal suffixes that mark an eventive noun ("explosion", "arrest"ment, "departure").
EVENT_NOUN_SUFFIX = re.compile(r"(tion|sion|ment|ure|ance|ence|al|ing|ery|age|th)$")


@dataclass
class GoldMention:
    id: tuple[str, str]
    tag: str
    tids: list[int]
    sentence: int
    cluster: str


@dataclass
class EcbDoc:
    name: str
    topic: str
    tokens: dict[int, tuple[int, int, str]]
    """t_id → (sentence, number, word)."""
    mentions: list[GoldMention] = field(default_factory=list)


def parse(path: Path, keep: set[int] | None) -> EcbDoc:
    """One ECB+ XML file: tokens, anchored mentions and their gold clusters."""
    root = ET.parse(path).getroot()
    name = path.name
    topic = name.split("_")[0]
    tokens = {int(t.get("t_id")): (int(t.get("sentence")), int(t.get("number")), t.text or "")
              for t in root.iter("token")}
    anchored: dict[str, tuple[str, list[int]]] = {}
    instance: dict[str, str] = {}
    for m in root.find("Markables") or []:
        anchors = [int(a.get("t_id")) for a in m.findall("token_anchor")]
        if anchors:
            anchored[m.get("m_id")] = (m.tag, anchors)
        elif m.get("instance_id"):
            instance[m.get("m_id")] = m.get("instance_id")
    cluster: dict[str, str] = {}
    for rel in root.find("Relations") or []:
        target = rel.find("target")
        if target is None:
            continue
        tid = target.get("m_id")
        cid = rel.get("note") if rel.tag == "CROSS_DOC_COREF" and rel.get("note") else None
        cid = cid or instance.get(tid) or f"{name}:{tid}"
        if rel.tag == "INTRA_DOC_COREF":
            cid = instance.get(tid) or f"{name}:intra:{tid}"
        for src in rel.findall("source"):
            cluster[src.get("m_id")] = cid
    doc = EcbDoc(name, topic, tokens)
    for mid, (tag, tids) in anchored.items():
        sentence = tokens[tids[0]][0]
        if keep is not None and sentence not in keep:
            continue
        doc.mentions.append(GoldMention((name, mid), tag, tids, sentence, cluster.get(mid, f"{name}:{mid}")))
    return doc


def load(corpus: Path, topics: list[str]) -> list[EcbDoc]:
    sentences: dict[str, set[int]] = defaultdict(set)
    with open(corpus / "ECBplus_coreference_sentences.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            sentences[f"{row['Topic']}_{row['File']}.xml"].add(int(row["Sentence Number"]))
    docs = []
    for topic in topics:
        for path in sorted((corpus / "ECB+" / topic).glob("*.xml")):
            docs.append(parse(path, sentences.get(path.name, set())))
    return docs


# -- analysis with the model ---------------------------------------------------------------


@dataclass
class Token:
    text: str
    lemma: str
    pos: str
    ent: str
    sentence: int


def analyse(docs: list[EcbDoc], model: str | None) -> dict[str, dict[int, Token]]:
    """spaCy over each document's own tokens (no re-tokenisation), aligned by t_id."""
    from spacy.tokens import Doc

    from dossier.annotate import load_model

    nlp = load_model(model)
    out: dict[str, dict[int, Token]] = {}
    for d in docs:
        tids = sorted(d.tokens)
        words = [d.tokens[t][2] or "_" for t in tids]
        starts = [i == 0 or d.tokens[tids[i]][0] != d.tokens[tids[i - 1]][0] for i in range(len(tids))]
        sdoc = Doc(nlp.vocab, words=words, sent_starts=starts)
        for _name, proc in nlp.pipeline:
            sdoc = proc(sdoc)
        out[d.name] = {
            t: Token(tok.text, tok.lemma_.lower(), tok.pos_, tok.ent_type_, d.tokens[t][0])
            for t, tok in zip(tids, sdoc)
        }
    return out


# -- the system ----------------------------------------------------------------------------


def doc_terms(doc: EcbDoc, toks: dict[int, Token], keep: set[int]) -> frozenset[str]:
    """Names and content lemmas of a document's annotated sentences (or all if none)."""
    terms = set()
    for t, tok in toks.items():
        if keep and tok.sentence not in keep:
            continue
        if tok.pos in ("PROPN", "NOUN", "VERB", "NUM") and tok.lemma.isalpha() and len(tok.lemma) > 2:
            terms.add(keys.word_stem(keys.fold(tok.lemma)))
    return frozenset(terms)


def subtopics(docs: list[EcbDoc], terms: dict[str, frozenset[str]], threshold: float) -> dict[str, str]:
    """Cluster the documents of each topic (average link on IDF-weighted Dice)."""
    by_topic: dict[str, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    out = {}
    for topic, group in by_topic.items():
        df = Counter(t for d in group for t in terms[d.name])
        n = len(group)
        idf = {t: math.log(1 + n / c) for t, c in df.items()}

        def sim(a: frozenset[str], b: frozenset[str]) -> float:
            shared = sum(idf[t] for t in a & b)
            return 2 * shared / (sum(idf[t] for t in a) + sum(idf[t] for t in b) or 1)

        clusters = [[d.name] for d in sorted(group, key=lambda d: d.name)]
        pair = {(a.name, b.name): sim(terms[a.name], terms[b.name]) for a in group for b in group}
        while True:
            best, bi, bj = -1.0, -1, -1
            for i in range(len(clusters)):
                for j in range(i + 1, len(clusters)):
                    s = sum(pair[(x, y)] for x in clusters[i] for y in clusters[j]) / (
                        len(clusters[i]) * len(clusters[j]))
                    if s > best:
                        best, bi, bj = s, i, j
            if best < threshold:
                break
            clusters[bi] += clusters.pop(bj)
        for k, members in enumerate(clusters):
            for name in members:
                out[name] = f"{topic}:{k}"
    return out


def head(tids: list[int], toks: dict[int, Token], event: bool) -> Token:
    """The head token of a mention: its verb/noun (events) or its last noun/name."""
    ts = [toks[t] for t in tids if t in toks]
    prefer = ("VERB", "NOUN", "PROPN") if event else ("PROPN", "NOUN", "PRON")
    for pos in prefer:
        cand = [t for t in ts if t.pos == pos]
        if cand:
            return cand[-1] if not event or pos != "VERB" else cand[0]
    return ts[-1]


def event_key(tok: Token) -> str:
    return keys.word_stem(keys.fold(tok.lemma))


def entity_key(tids: list[int], toks: dict[int, Token]) -> str:
    """A name's surname skeleton, else the head lemma."""
    ts = [toks[t] for t in tids if t in toks]
    names = [t.text for t in ts if t.pos == "PROPN"]
    if names:
        core = keys.core_tokens(" ".join(names))
        if core:
            return "n:" + keys.skeleton(keys.stem_name_token(core[-1]))
    h = head(tids, toks, event=False)
    return "h:" + keys.word_stem(keys.fold(h.lemma))


def system(mentions: list[tuple[tuple, str, list[int], str]], toks: dict[str, dict[int, Token]],
           sub: dict[str, str], event: bool) -> dict[tuple, str]:
    """Cluster mentions (id, doc, token ids, doc) by sub-topic and key."""
    out = {}
    for mid, doc, tids, _ in mentions:
        t = toks[doc]
        key = event_key(head(tids, t, event=True)) if event else entity_key(tids, t)
        out[mid] = f"{sub[doc]}|{key}"
    return out


# -- predicted mentions (end to end) -------------------------------------------------------


def predict_mentions(doc: EcbDoc, toks: dict[int, Token], keep: set[int], event: bool,
                     verb_lemmas: set[str]) -> list[list[int]]:
    """Single-token event triggers, or name/noun heads for entities, in the kept sentences."""
    out = []
    for t in sorted(toks):
        tok = toks[t]
        if tok.sentence not in keep:
            continue
        if event:
            is_verb = tok.pos == "VERB" and tok.lemma not in ("be", "have")
            is_noun = tok.pos == "NOUN" and (tok.lemma in verb_lemmas or EVENT_NOUN_SUFFIX.search(tok.lemma)
                                              and len(tok.lemma) > 5)
            if is_verb or is_noun:
                out.append([t])
        elif tok.pos in ("PROPN", "NOUN", "PRON") or tok.ent:
            nxt = toks.get(t + 1)
            if nxt and nxt.pos == tok.pos == "PROPN" and nxt.sentence == tok.sentence:
                continue  # only the last token of a name
            out.append([t])
    return out


def match(pred: list[tuple[str, list[int]]], gold: list[GoldMention]) -> dict[int, tuple]:
    """Predicted index → gold id, one to one, when the predicted head lies in the gold span."""
    by_token: dict[tuple[str, int], list[GoldMention]] = defaultdict(list)
    for g in gold:
        for t in g.tids:
            by_token[(g.id[0], t)].append(g)
    used, out = set(), {}
    for i, (doc, tids) in enumerate(pred):
        for g in sorted(by_token.get((doc, tids[0]), []), key=lambda g: len(g.tids)):
            if g.id not in used:
                used.add(g.id)
                out[i] = g.id
                break
    return out


def evaluate(docs: list[EcbDoc], toks: dict[str, dict[int, Token]], keep: dict[str, set[int]],
             threshold: float) -> dict[str, dict[str, float]]:
    terms = {d.name: doc_terms(d, toks[d.name], keep[d.name]) for d in docs}
    sub = subtopics(docs, terms, threshold)
    results = {}
    verb_lemmas = {tok.lemma for d in docs for tok in toks[d.name].values() if tok.pos == "VERB"}
    for kind, is_event in (("events", True), ("entities", False)):
        gold = [m for d in docs for m in d.mentions if m.tag.startswith(EVENT_TAGS) == is_event]
        key = {m.id: m.cluster for m in gold}
        response = system([(m.id, m.id[0], m.tids, m.id[0]) for m in gold], toks, sub, is_event)
        results[f"{kind} (gold mentions)"] = conll(key, response)
        pred = [(d.name, tids) for d in docs
                for tids in predict_mentions(d, toks[d.name], keep[d.name], is_event, verb_lemmas)]
        matched = match(pred, gold)
        ids = [matched.get(i, (doc, f"p{i}")) for i, (doc, _) in enumerate(pred)]
        response = system([(ids[i], doc, tids, doc) for i, (doc, tids) in enumerate(pred)], toks, sub, is_event)
        scores = conll(key, response)
        scores["mention_recall"] = 100 * len(matched) / max(len(gold), 1)
        scores["mention_precision"] = 100 * len(matched) / max(len(pred), 1)
        results[f"{kind} (end to end)"] = scores
    pure = defaultdict(Counter)
    for d in docs:
        pure[sub[d.name]]["ecbplus" if "plus" in d.name else "ecb"] += 1
    results["subtopics"] = {"clusters": len(pure), "docs": len(docs),
                            "purity": 100 * sum(max(c.values()) for c in pure.values()) / len(docs)}
    return results


# -- the product: annotate + link() ------------------------------------------------------


def doc_text(doc: EcbDoc) -> tuple[str, dict[int, tuple[int, int]]]:
    """The document as text (its tokens, one sentence a line) and each t_id's offsets."""
    text, spans, last = "", {}, None
    for t in sorted(doc.tokens):
        sentence, _n, word = doc.tokens[t]
        if last is not None and sentence != last:
            text = text.rstrip(" ") + "\n"
        start = len(text)
        text += word or "_"
        spans[t] = (start, len(text))
        text += " "
        last = sentence
    return text.rstrip(" ") + "\n", spans


def product(docs: list[EcbDoc], keep: dict[str, set[int]], model: str | None) -> dict[str, dict[str, float]]:
    """Cross-document coreference as dossier computes it: annotate, ``link()``, then the
    predicate-level event mentions ``link()`` returns (``LinkResult.mentions``) and the merged
    entities of the ``LinkResult``; one link per gold topic."""
    from dossier.annotate import build_pipeline
    from dossier.annotate.convert import doc_to_record
    from dossier.link import link
    from dossier.models import Document

    nlp = build_pipeline(model)
    ev_resp: dict[tuple, str] = {}
    en_resp: dict[tuple, str] = {}
    ev_pred: list[tuple[str, list[int]]] = []
    en_pred: list[tuple[str, list[int]]] = []
    ev_pred_cluster: list[str] = []
    en_pred_cluster: list[str] = []
    gold_ev = [m for d in docs for m in d.mentions if m.tag.startswith(EVENT_TAGS)]
    gold_en = [m for d in docs for m in d.mentions if not m.tag.startswith(EVENT_TAGS)]
    by_topic: dict[str, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    for topic, group in sorted(by_topic.items()):
        texts = {d.name: doc_text(d) for d in group}
        documents = [Document(id=d.name, path=d.name, text=texts[d.name][0], kind="news") for d in group]
        records = []
        parsed = nlp.pipe(nlp.make_doc(x.text) for x in documents)
        for sdoc, document in zip(parsed, documents, strict=True):
            records.append(doc_to_record(sdoc, document))
        result = link(records)
        mentions = result.mentions
        for d in group:
            at = {start: t for t, (start, _e) in texts[d.name][1].items()}
            ends = {end: t for t, (_s, end) in texts[d.name][1].items()}
            ev_at = {}
            for m in mentions:
                if m.doc != d.name or m.start not in at:
                    continue
                t = at[m.start]
                ev_at[t] = f"{topic}|{m.cluster}"
                if d.tokens[t][0] in keep[d.name]:
                    ev_pred.append((d.name, [t]))
                    ev_pred_cluster.append(ev_at[t])
            en_at = {}
            for e in result.entities:
                for x in e.mentions:
                    if x.doc != d.name or x.end not in ends:
                        continue
                    t = ends[x.end]  # a name's head: its last token
                    en_at[t] = f"{topic}|{e.id}"
                    if d.tokens[t][0] in keep[d.name]:
                        en_pred.append((d.name, [t]))
                        en_pred_cluster.append(en_at[t])
            for m in d.mentions:
                table = ev_at if m.tag.startswith(EVENT_TAGS) else en_at
                hit = next((table[t] for t in m.tids if t in table), None)
                (ev_resp if m.tag.startswith(EVENT_TAGS) else en_resp)[m.id] = hit or f"single:{m.id}"
    results = {}
    for kind, gold, resp, pred, clusters in (("events", gold_ev, ev_resp, ev_pred, ev_pred_cluster),
                                             ("entities", gold_en, en_resp, en_pred, en_pred_cluster)):
        key = {m.id: m.cluster for m in gold}
        results[f"{kind} (gold mentions)"] = conll(key, resp)
        matched = match(pred, gold)
        response = {matched.get(i, (doc, f"p{i}")): clusters[i] for i, (doc, _) in enumerate(pred)}
        scores = conll(key, response)
        scores["mention_recall"] = 100 * len(matched) / max(len(gold), 1)
        scores["mention_precision"] = 100 * len(matched) / max(len(pred), 1)
        results[f"{kind} (end to end)"] = scores
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=sorted(SPLITS), default="test")
    parser.add_argument("--model", default=None)
    parser.add_argument("--threshold", type=float, default=DOC_JOIN)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    docs = load(args.corpus, SPLITS[args.split])
    keep = {d.name: {m.sentence for m in d.mentions} for d in docs}
    toks = analyse(docs, args.model)
    baseline = evaluate(docs, toks, keep, args.threshold)
    ours = product(docs, keep, args.model)
    results = {**{f"product: {k}": v for k, v in ours.items()},
               **{f"baseline: {k}": v for k, v in baseline.items()}}
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"ECB+ {args.split} topics {', '.join(SPLITS[args.split])}: {len(docs)} documents")
    print(f"{'setting':42} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6}  mentions R/P")
    for name, s in results.items():
        if name.endswith("subtopics"):
            continue
        extra = (f"  {s['mention_recall']:.1f}/{s['mention_precision']:.1f}" if "mention_recall" in s else "")
        print(f"{name:42} {s['MUC_F1']:6.1f} {s['B3_F1']:6.1f} {s['CEAF_e_F1']:7.1f} {s['CoNLL_F1']:6.1f}{extra}")
    st = results["baseline: subtopics"]
    print(f"sub-topic clusters: {st['clusters']} for {st['docs']} documents, purity {st['purity']:.1f}%")
    print("anchors (events, CoNLL F1): end to end 42.4 (cited best); gold mentions ≈ 79.5 (Barhom 2019)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
