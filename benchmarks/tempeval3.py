"""TempEval-3 Task A (timex extraction and normalisation) for ``dossier_timex``.

usage: python benchmarks/tempeval3.py [--split test|train] [--corpus DIR] [--no-model] [--errors]

Runs the annotate pipeline (the model + ``dossier_timex``) over each document's TEXT with
the document's own DCT as the publication date, and scores against the gold TIMEX3s the
way the official TE3 scorer defines its measures (no code of it copied):

- extent: strict (same span) and relaxed (overlapping spans) precision, recall, F1;
- value F1: a system timex counts when it overlaps a gold one and has its value
  (P over system timexes, R over gold ones); type accuracy: over relaxed matches.

Spans are compared by characters after trimming whitespace (the official scorer compares
tokens; for single-space-tokenised news text the two agree). Time is reported for the
whole split, wall clock and CPU, split into the normalisation alone (``tag``), the spaCy
model's components, and each of dossier's components (``dossier_timex`` on its own), so
the component's share stays visible when other work loads the machine.

Test = ``te3-platinum`` (20 docs); train = ``TBAQ-cleaned`` (TimeBank + AQUAINT), the only
part used for tuning. Corpus text is read at run time, never stored in the repository.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "tempeval3"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file's TEXT (tags removed, entities unescaped), DCT and gold TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = dct_m.group(1)[:10] if dct_m else ""
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes = []
    length = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        else:
            start, a = open_timex.pop()
            text = "".join(out)[start:length]
            timexes.append(GoldTimex(start, length, text, a.get("type", ""), a.get("value", "")))
    out.append(html.unescape(body[pos:]))
    return GoldDoc(path.name, dct, "".join(out), tuple(timexes))


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    seg = text[start:end]
    return start + (len(seg) - len(seg.lstrip())), end - (len(seg) - len(seg.rstrip()))


def score(
    docs: list[GoldDoc], predicted: dict[str, list[tuple[int, int, str, str | None]]]
) -> dict[str, float]:
    """TE3-style extent, value and type figures over all documents."""
    n_gold = n_sys = strict = relaxed_g = relaxed_s = value_ok = type_ok = matched = 0
    for doc in docs:
        gold = [(*_trim(g.start, g.end, doc.text), g.type, g.value) for g in doc.timexes]
        sys_ = [(*_trim(s, e, doc.text), t, v) for s, e, t, v in predicted.get(doc.name, [])]
        n_gold += len(gold)
        n_sys += len(sys_)
        for g in gold:
            over = [s for s in sys_ if s[0] < g[1] and g[0] < s[1]]
            if over:
                relaxed_g += 1
                best = max(over, key=lambda s: min(s[1], g[1]) - max(s[0], g[0]))
                matched += 1
                type_ok += best[2] == g[2]
                value_ok += (best[3] or "").upper() == g[3].upper()
            strict += any(s[0] == g[0] and s[1] == g[1] for s in sys_)
        relaxed_s += sum(1 for s in sys_ if any(s[0] < g[1] and g[0] < s[1] for g in gold))

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed_s / max(n_sys, 1), relaxed_g / max(n_gold, 1)
    vp, vr = value_ok / max(n_sys, 1), value_ok / max(n_gold, 1)
    return {"gold": n_gold, "system": n_sys, "strict_p": sp, "strict_r": sr, "strict_f1": f(sp, sr),
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": f(rp, rr), "value_p": vp, "value_r": vr,
            "value_f1": f(vp, vr), "type_acc": type_ok / max(matched, 1)}  # fmt: skip


#: Published platinum-test figures (UzZaman et al. 2013, SemEval-2013 Task 1; value F1 only
#: confirmed from a secondary source, see corpus SOURCE.md): (HeidelTime-t, SUTime).
PUBLISHED_TEST = {"value": ("0.7761", "0.6738")}

#: Pipeline components that are dossier's own (the rest are the spaCy model's).
DOSSIER_COMPONENTS = ("dossier_sentences", "dossier_timex")


@dataclass
class Timing:
    """Seconds spent, wall clock and this process's CPU (CPU is the honest figure when
    other work shares the machine: waiting for a core is not counted)."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, wall: float, cpu: float) -> None:
        """Add one measured stretch."""
        self.wall += wall
        self.cpu += cpu


def run(
    docs: list[GoldDoc], use_model: bool
) -> tuple[dict[str, list[tuple[int, int, str, str | None]]], dict[str, Timing]]:
    """System timexes per document, and where the time went.

    Timings: ``tag`` is the normalisation alone (``dossier.temporal.tag`` over the texts,
    no parse); with the model, every pipeline component is timed on its own over the
    whole split (``nlp.pipe`` batches, the same work as ``annotate``), model loading not
    timed.
    """
    from dossier.models import Document, Published
    from dossier.temporal import tag

    timings: dict[str, Timing] = {"tag": Timing()}
    w0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        tag(d.text, d.dct, "news")
    timings["tag"].add(time.perf_counter() - w0, time.process_time() - c0)
    out: dict[str, list[tuple[int, int, str, str | None]]] = {}
    if not use_model:
        for d in docs:
            out[d.name] = [(t.start, t.end, t.type, t.value) for t in tag(d.text, d.dct, "news")]
        return out, timings
    from dossier.annotate import build_pipeline
    from dossier.annotate.convert import doc_to_record

    nlp = build_pipeline(components=("dossier_timex",))  # model loading is not timed
    documents = [Document(id=d.name, path=d.name, text=d.text, kind="news",
                          published=Published(d.dct, "metadata")) for d in docs]  # fmt: skip
    w0, c0 = time.perf_counter(), time.process_time()
    spacy_docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.dossier_document = document
        spacy_docs.append(doc)
    timings["tokenizer"] = Timing(time.perf_counter() - w0, time.process_time() - c0)
    for name, proc in nlp.pipeline:
        w0, c0 = time.perf_counter(), time.process_time()
        if hasattr(proc, "pipe"):
            spacy_docs = list(proc.pipe(spacy_docs, batch_size=16))
        else:
            spacy_docs = [proc(doc) for doc in spacy_docs]
        timings[name] = Timing(time.perf_counter() - w0, time.process_time() - c0)
    for doc, document in zip(spacy_docs, documents, strict=True):
        record = doc_to_record(doc, document)
        out[document.id] = [(t.start, t.end, t.type, t.value) for t in record.timexes]
    return out, timings


def _time_rows(timings: dict[str, Timing]) -> list[tuple[str, Timing]]:
    """Table rows: the normalisation alone, the model, each dossier component, the total."""
    rows = [("normalisation only (dossier.temporal.tag, no parse)", timings["tag"])]
    piped = {k: v for k, v in timings.items() if k != "tag"}
    if not piped:
        return rows
    model = Timing()
    for name, t in piped.items():
        if name not in DOSSIER_COMPONENTS:
            model.add(t.wall, t.cpu)
    model_names = ", ".join(k for k in piped if k not in DOSSIER_COMPONENTS)
    rows.append((f"spaCy model ({model_names})", model))
    for name in DOSSIER_COMPONENTS:
        if name in piped:
            rows.append((f"{name} component", piped[name]))
    total = Timing()
    for t in piped.values():
        total.add(t.wall, t.cpu)
    rows.append(("whole pipeline (model + dossier components, model loaded)", total))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the TE3 table for a split."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["test", "train"], default="test")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-model", action="store_true", help="grammar only, no spaCy (no tense)")
    ap.add_argument("--errors", action="store_true", help="list value errors and misses")
    args = ap.parse_args(argv)
    folder = args.corpus / ("te3-platinum" if args.split == "test" else "TBAQ-cleaned")
    docs = [read_tml(p) for p in sorted(folder.rglob("*.tml")) if not p.name.startswith("._")]
    predicted, timings = run(docs, not args.no_model)
    s = score(docs, predicted)
    print(f"TempEval-3 {args.split} ({folder.name}): {len(docs)} documents, {s['gold']} gold timexes, "
          f"{s['system']} system timexes")  # fmt: skip
    print("| measure | P | R | F1 | HeidelTime F1 | SUTime F1 |\n|---|---|---|---|---|---|")
    for name in ("strict", "relaxed", "value"):
        published = PUBLISHED_TEST.get(name, ("", "")) if args.split == "test" else ("", "")
        print(
            f"| {name} | {s[name + '_p']:.4f} | {s[name + '_r']:.4f} | {s[name + '_f1']:.4f} "
            f"| {published[0]} | {published[1]} |"
        )
    print(f"| type accuracy (relaxed matches) | | | {s['type_acc']:.4f} | | |")
    print("\n| time over the split | wall | CPU |\n|---|---|---|")
    for label, t in _time_rows(timings):
        print(f"| {label} | {t.wall:.2f} s | {t.cpu:.2f} s |")
    print("Published value F1: HeidelTime 0.7761, SUTime 0.6738 (UzZaman et al. 2013).")
    if args.errors:
        _errors(docs, predicted)
    return 0


def _errors(docs: list[GoldDoc], predicted: dict[str, list[tuple[int, int, str, str | None]]]) -> None:
    for doc in docs:
        sys_ = predicted.get(doc.name, [])
        for g in doc.timexes:
            over = [s for s in sys_ if s[0] < g.end and g.start < s[1]]
            ctx = doc.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
            if not over:
                print(f"MISS  {doc.name} {g.type} {g.value!r} {g.text!r} :: {ctx}")
            elif (over[0][3] or "").upper() != g.value.upper():
                s = over[0]
                print(
                    f"VALUE {doc.name} dct={doc.dct} {g.value!r} got {s[3]!r} {doc.text[s[0] : s[1]]!r} gold {g.text!r} :: {ctx}"  # noqa: E501
                )
        for s in sys_:
            if not any(s[0] < g.end and g.start < s[1] for g in doc.timexes):
                ctx = doc.text[max(0, s[0] - 40) : s[1] + 30].replace("\n", " ")
                print(f"EXTRA {doc.name} {s[2]} {s[3]!r} {doc.text[s[0] : s[1]]!r} :: {ctx}")


if __name__ == "__main__":
    sys.exit(main())
