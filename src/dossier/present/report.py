"""The static HTML report: one self-contained file, readable offline.

Every fact links to its source sentence inside the document it came from (the sentence is
highlighted when opened). All document text goes through Jinja's autoescaping.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dossier.models import AnnotatedDocument, Sentence
from dossier.present.export import published_of

if TYPE_CHECKING:
    from dossier.api import Dossier

_env = Environment(
    loader=PackageLoader("dossier.present", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

TYPE_TITLES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, regions",
    "LOC": "Other places",
    "FAC": "Buildings, bridges, infrastructure",
    "NORP": "Nationalities and groups",
    "EVENT": "Named events",
    "OTHER": "Other names",
}


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """Where a fact's sentence sits in the report: its anchor and text."""

    anchor: str
    text: str
    doc_title: str


class _Sentences:
    """Finds the sentence around an offset, per document."""

    def __init__(self, records: list[AnnotatedDocument]) -> None:
        self.starts: dict[str, list[int]] = {}
        self.sentences: dict[str, tuple[Sentence, ...]] = {}
        self.titles: dict[str, str] = {}
        for r in records:
            self.sentences[r.document.id] = r.sentences
            self.starts[r.document.id] = [s.start for s in r.sentences]
            self.titles[r.document.id] = r.document.title or Path(r.document.path).name

    def at(self, doc: str, offset: int) -> SentenceRef | None:
        i = bisect.bisect_right(self.starts.get(doc, []), offset) - 1
        if i < 0:
            return None
        s = self.sentences[doc][i]
        return SentenceRef(f"s-{doc}-{i}", s.text.strip(), self.titles.get(doc, doc))


def report_context(dossier: Dossier) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    records = dossier.records()
    links = dossier.links()
    export = dossier.export()
    sentences = _Sentences(records)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in sorted(links.entities, key=lambda e: (-len(e.mentions), e.name)):
        by_type[entity.type].append(
            {"entity": entity, "mentions": [(m, sentences.at(m.doc, m.start)) for m in entity.mentions]}
        )
    documents = [
        {
            "record": r,
            "published": published_of(r, links),
            "sentences": [(f"s-{r.document.id}-{i}", s) for i, s in enumerate(r.sentences)],
        }
        for r in records
    ]
    return {
        "title": _title(records),
        "documents": documents,
        "entity_groups": [(TYPE_TITLES[t], by_type[t]) for t in TYPE_TITLES if by_type.get(t)],
        "events": sorted(export["events"], key=lambda e: e["date"]["value"]),
        "claims": export["claims"],
        "quotes": export["quotes"],
        "conflicts": export["conflicts"],
        "timexes": export["timexes"],
        "refusals": export["refusals"],
        "counts": dossier.store.counts(),
        "at": sentences.at,
    }


def _title(records: list[AnnotatedDocument]) -> str:
    titles = [r.document.title for r in records if r.document.title]
    return f"Dossier: {titles[0]}" if len(titles) == 1 else f"Dossier of {len(records)} documents"


def render_report(dossier: Dossier) -> str:
    return _env.get_template("report.html.j2").render(**report_context(dossier))


def write_report(dossier: Dossier, out: Path) -> Path:
    """Write the report to ``out`` (parent folders created)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(dossier), encoding="utf-8")
    return out
