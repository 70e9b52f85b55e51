"""The ``dossier.export/1`` JSON document (see ``spec/EXPORT.md``): the public contract.

Fields may be added, never renamed or dropped without bumping ``SCHEMA``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, TextIO

from dossier import __version__
from dossier.models import (
    AnnotatedDocument,
    Entity,
    LinkResult,
    Published,
    Speaker,
    claim_id,
    quote_id,
)
from dossier.store import Store
from dossier.store.codec import to_data

SCHEMA = "dossier.export/1"


def build_export(store: Store) -> dict[str, Any]:
    """Everything the store knows, as one ``dossier.export/1`` object."""
    return {key: value if isinstance(value, str | dict) else list(value) for key, value in _sections(store)}


def write_export(store: Store, out: TextIO) -> None:
    """Write the ``dossier.export/1`` JSON to ``out`` as it is made: the same text as
    ``json.dumps(build_export(store), ensure_ascii=False, indent=1)``, but the store's
    records are streamed section by section and never held together."""
    out.write("{")
    for n, (key, value) in enumerate(_sections(store)):
        out.write(("," if n else "") + "\n " + json.dumps(key) + ": ")
        if isinstance(value, str | dict):
            out.write(_indented(value, " "))
            continue
        empty = True
        for item in value:
            out.write(("[" if empty else ",") + "\n  " + _indented(item, "  "))
            empty = False
        out.write("[]" if empty else "\n ]")
    out.write("\n}")


def _indented(value: Any, margin: str) -> str:
    # json escapes newlines inside strings, so every line break is the layout's own
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + margin)


def _sections(store: Store) -> Iterator[tuple[str, Any]]:
    """The export's members in order, each a value or an iterable of items made lazily
    (the records are read again for each section, only the parts it needs)."""
    links = store.read_links()
    speakers = _SpeakerIndex(links.entities)
    copies: dict[str, list[dict[str, Any]]] = {}
    for duplicate in store.duplicates():
        copies.setdefault(duplicate.doc, []).append(to_data(duplicate))

    ids = store.document_ids()  # every section tells of the same documents

    def records(*parts: str) -> Iterator[AnnotatedDocument]:
        return store.iter_records(ids=ids, parts=parts)

    yield "schema", SCHEMA
    yield "generator", {"name": "dossier", "version": __version__}
    # how the cross-document view was made: a full link of every document, or extended with
    # documents linked only with the stored ones they touch ('dossier relink' makes it full)
    yield "link", {
        "mode": "incremental" if links.incremental else "full",
        "documents": len(links.linked),
        "added_incrementally": list(links.incremental),
    }
    yield "documents", (_document(r, links) | {"copies": copies.get(r.document.id, [])} for r in records())
    yield "timexes", (t for r in records("timexes") for t in _timexes(r, links))
    yield "entities", (_entity(e) for e in links.entities)
    yield "events", (to_data(e) for e in links.events)
    yield "claims", (c for r in records("claims") for c in _claims(r, speakers))
    yield "quotes", (q for r in records("quotes") for q in _quotes(r, speakers))
    yield "conflicts", (to_data(c) for c in links.conflicts)
    yield "distance_checks", (to_data(d) for d in links.distance_checks)
    yield "event_mentions", (to_data(m) for m in links.mentions)
    yield "refusals", (to_data(r) for r in store.refusals())


def published_of(record: AnnotatedDocument, links: LinkResult) -> Published:
    """The document's own date, else the one the link stage inferred."""
    own = record.document.published
    if own.value is None and record.document.id in links.published:
        return links.published[record.document.id]
    return own


def _document(record: AnnotatedDocument, links: LinkResult) -> dict[str, Any]:
    d = record.document
    return {
        "id": d.id,
        "path": d.path,
        "title": d.title,
        "outlet": d.outlet,
        "url": d.url,
        "author": d.author,
        "kind": d.kind,
        "language": d.language,
        "format": d.format,
        "published": to_data(published_of(record, links)),
        "text": d.text,
    }


def _timexes(record: AnnotatedDocument, links: LinkResult) -> list[dict[str, Any]]:
    timexes = links.timexes.get(record.document.id, record.timexes)
    return [{"doc": record.document.id, **to_data(t)} for t in timexes]


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [to_data(m) for m in entity.mentions],
        "geo": to_data(entity.geo) if entity.geo else None,
    }


def _claims(record: AnnotatedDocument, speakers: _SpeakerIndex) -> list[dict[str, Any]]:
    doc_id = record.document.id
    out = []
    for i, claim in enumerate(record.claims):
        data = to_data(claim)
        data["attributed_to"] = speakers.describe(doc_id, claim.attributed_to)
        out.append({"id": claim_id(doc_id, i), "doc": doc_id, **data})
    return out


def _quotes(record: AnnotatedDocument, speakers: _SpeakerIndex) -> list[dict[str, Any]]:
    doc_id = record.document.id
    out = []
    for i, quote in enumerate(record.quotes):
        data = to_data(quote)
        data["speaker"] = speakers.describe(doc_id, quote.speaker)
        out.append({"id": quote_id(doc_id, i), "doc": doc_id, **data})
    return out


class _SpeakerIndex:
    """Finds the entity a speaker's name refers to: by its mention offsets, else by name."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.by_doc: dict[str, list[tuple[int, int, str]]] = {}
        self.by_name: dict[str, str] = {}
        for e in entities:
            for m in e.mentions:
                self.by_doc.setdefault(m.doc, []).append((m.start, m.end, e.id))
            for name in (e.name, *e.aliases):
                self.by_name.setdefault(name.casefold(), e.id)

    def entity_of(self, doc: str, speaker: Speaker) -> str | None:
        if speaker.start is not None and speaker.end is not None:
            for start, end, entity in self.by_doc.get(doc, ()):
                if start < speaker.end and speaker.start < end:
                    return entity
        return self.by_name.get(speaker.name.casefold())

    def describe(self, doc: str, speaker: Speaker | None) -> dict[str, Any] | None:
        if speaker is None:
            return None
        return to_data(speaker) | {"entity": self.entity_of(doc, speaker)}


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of the export, shipped with the package."""
    text = resources.files("dossier.present").joinpath("export.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate_export(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` follows the contract."""
    import jsonschema

    jsonschema.validate(data, json_schema())
