"""Time per pipeline component: milliseconds per document for each step of ``build_pipeline``.

usage: python benchmarks/components.py [--docs 300] [--model NAME] [--batch-size 16] [--repeat 1]

Builds a synthetic corpus from paragraphs of the seeds (as ``throughput.py``), makes the
``Doc`` objects, then runs the pipeline one component at a time over the whole batch
(``component.pipe`` where it has one, as ``nlp.pipe`` does), timing each, and
``doc_to_record`` (the conversion to records) last. Prints ms/document and the share of the
total per component, the model's own components and dossier's separately. Timings on a
shared machine are noisy: use ``--repeat`` and read the best run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus  # noqa: E402

from dossier.annotate import build_pipeline  # noqa: E402
from dossier.annotate.convert import doc_to_record  # noqa: E402
from dossier.models import Document  # noqa: E402


def time_components(nlp, texts: list[str], batch_size: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds spent in each component (and in ``doc_to_record``) over ``texts``."""
    documents = [Document(id=f"d{i}", path=f"d{i}.txt", text=t) for i, t in enumerate(texts)]
    seconds: dict[str, float] = {"make_doc": 0.0}
    seconds.update({name: 0.0 for name in nlp.pipe_names})
    seconds["doc_to_record"] = 0.0
    for lo in range(0, len(documents), batch_size):
        batch = documents[lo : lo + batch_size]
        t = time.perf_counter()
        docs = []
        for document in batch:
            doc = nlp.make_doc(document.text)
            doc._.dossier_document = document
            docs.append(doc)
        seconds["make_doc"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            docs = (
                list(proc.pipe(docs, batch_size=batch_size))
                if hasattr(proc, "pipe")
                else [proc(d) for d in docs]
            )
            seconds[name] += time.perf_counter() - t
        t = time.perf_counter()
        for doc, document in zip(docs, batch, strict=True):
            doc_to_record(doc, document)
        seconds["doc_to_record"] += time.perf_counter() - t
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = make_corpus(Path(tmp) / "corpus", args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp = build_pipeline(args.model)
    time_components(nlp, texts[: min(20, len(texts))], args.batch_size)  # warm up
    runs = [time_components(nlp, texts, args.batch_size) for _ in range(args.repeat)]
    best = {name: min(run[name] for run in runs) for name in runs[0]}
    total = sum(best.values())
    ours = {n for n in best if n.startswith("dossier_") or n == "doc_to_record"}
    corpus = f"{args.docs} documents, {words:,} words (synthetic, from seed paragraphs)"
    print(f"corpus: {corpus}; best of {args.repeat} runs\n")
    print(f"{'component':<22}{'ms/doc':>9}{'share':>8}")
    for name, s in best.items():
        print(f"{name:<22}{1000 * s / args.docs:>9.2f}{s / total:>8.1%}")
    model_s = sum(s for n, s in best.items() if n not in ours)
    ours_s = sum(s for n, s in best.items() if n in ours)
    print(f"{'model (spaCy)':<22}{1000 * model_s / args.docs:>9.2f}{model_s / total:>8.1%}")
    print(f"{'dossier components':<22}{1000 * ours_s / args.docs:>9.2f}{ours_s / total:>8.1%}")
    print(f"{'total':<22}{1000 * total / args.docs:>9.2f}  ({words / total:,.0f} words/s)")


if __name__ == "__main__":
    main()
