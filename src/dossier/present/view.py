"""The dossier as the report, the web UI and the exports show it: plain JSON-ready data.

``build_view`` joins the export contract with what a reader needs on screen: every fact's
source sentences (anchors ``s-{doc}-{i}`` into the document viewer), human date labels, the
timeline grouped by date, badges (several sources, a conflict, an inferred date), places
with their coordinates and mentions, claims and conflicts side by side, quotes by speaker.
Nothing here escapes text: the templates (Jinja autoescape) and the exports do that for
their own syntax.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from dossier.models import AnnotatedDocument
from dossier.present.export import build_export

if TYPE_CHECKING:
    from dossier.store import Store

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PRECISION_RANK = {"time": 0, "day": 1, "interval": 2, "month": 3, "year": 4}
ENTITY_GROUPS = (
    ("people", "People", ("PERSON",)),
    ("organisations", "Organisations", ("ORG",)),
    ("places", "Places", ("GPE", "LOC", "FAC")),
    ("groups", "Nationalities and groups", ("NORP",)),
    ("other", "Named events and other names", ("EVENT", "OTHER")),
)
#: timex anchors whose value is written out in the sentence itself
_EXPLICIT_ANCHORS = {"absolute", "narrative"}


class Sentences:
    """Finds the sentences that a span of a document overlaps."""

    def __init__(self, records: Iterable[AnnotatedDocument]) -> None:
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        self.labels: dict[str, str] = {}
        for r in records:
            doc = r.document.id
            self.starts[doc] = [s.start for s in r.sentences]
            self.ends[doc] = [s.end for s in r.sentences]
            self.labels[doc] = document_label(r.document.title, r.document.path)

    def indices(self, doc: str, start: int, end: int) -> list[int]:
        """Indices of the sentences overlapping ``[start, end)`` (at least the one at ``start``)."""
        starts = self.starts.get(doc)
        if not starts:
            return []
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_left(starts, max(end, start + 1)) - 1, first)
        return list(range(first, last + 1))

    def ref(self, doc: str, start: int, end: int, text: str | None = None) -> dict[str, Any]:
        """A link to a fact's source: document, offsets, sentence anchors, document label."""
        anchors = [f"s-{doc}-{i}" for i in self.indices(doc, start, end)]
        return {
            "doc": doc,
            "start": start,
            "end": end,
            "text": text,
            "anchor": anchors[0] if anchors else f"doc-{doc}",
            "anchors": anchors,
            "label": self.labels.get(doc, doc),
        }


def document_label(title: str | None, path: str) -> str:
    """What a document is called on screen: its title, else its file name."""
    return title or PurePosixPath(path).name or path


def date_label(value: str) -> str:
    """A TIMEX3 date as people write it: ``11 November 2022``, ``November 2022``, ``9–11 November 2022``."""
    if "/" in value:
        a, b = value.split("/", 1)
        return f"{date_label(a)} – {date_label(b)}"
    day, _, time = value.partition("T")
    parts = day.split("-")
    try:
        if len(parts) == 3:
            text = f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        elif len(parts) == 2 and parts[1].isdigit():
            text = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
        else:
            text = day
    except (ValueError, IndexError):
        return value
    return f"{text}, {_time_label(time)}" if time else text


def _time_label(time: str) -> str:
    names = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
    return names.get(time, time)


def date_sort_key(value: str, precision: str) -> tuple[str, int, str]:
    """Chronological order: by first day covered; on the same day, finer precision first."""
    start = value.split("/", 1)[0].split("T", 1)[0]
    parts = start.split("-")
    if len(parts) == 2 and parts[1].isdigit():
        start = f"{start}-01"
    elif len(parts) == 1 and start.isdigit() and len(start) == 4:
        start = f"{start}-01-01"
    return (start, PRECISION_RANK.get(precision, 5), value)


def build_view(
    records: list[AnnotatedDocument], export: dict[str, Any], counts: dict[str, int]
) -> dict[str, Any]:
    """Everything the report, the web UI and the readable exports show.

    Args:
        records: the annotated documents (for sentence boundaries).
        export: the ``dossier.export/1`` object of the same store.
        counts: the store's counts.
    """
    sentences = Sentences(records)
    entities = {e["id"]: e for e in export["entities"]}
    documents = _documents(records, export, sentences)
    facts = _facts_by_id(export)
    conflicted = _conflicted_spans(export, facts)
    conflicts_of: dict[str, list[str]] = defaultdict(list)
    for k in export["conflicts"]:
        for fid in k["claims"]:
            conflicts_of[fid].append(k["id"])
    regions = _region_names(export)
    timexes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in export["timexes"]:
        timexes[t["doc"]].append(t)
    events = [
        _event(e, sentences, entities, regions, timexes, documents, conflicted) for e in export["events"]
    ]
    return {
        "title": _title(export["documents"]),
        "counts": counts,
        "documents": documents,
        "timeline": _group_by_date(events),
        "events": events,
        "places": _places(export, sentences, events),
        "entity_groups": _entity_groups(export, sentences),
        "claims": [_claim(c, sentences, conflicts_of) for c in export["claims"]],
        "conflicts": [_conflict(k, facts, sentences) for k in export["conflicts"]],
        "speakers": _quotes_by_speaker(export, sentences),
        "refusals": export.get("refusals", []),
        "link": export.get("link", {}),
    }


def view_of_store(store: Store) -> dict[str, Any]:
    """``build_view`` over everything a store holds."""
    records = list(store.iter_records())
    return build_view(records, build_export(store), store.counts())


def _title(documents: list[dict[str, Any]]) -> str:
    titles = [d["title"] for d in documents if d.get("title")]
    if len(titles) == 1 and len(documents) == 1:
        return f"Dossier: {titles[0]}"
    return f"Dossier of {len(documents)} document{'' if len(documents) == 1 else 's'}"


def _documents(
    records: list[AnnotatedDocument], export: dict[str, Any], sentences: Sentences
) -> list[dict[str, Any]]:
    by_id = {d["id"]: d for d in export["documents"]}
    out = []
    for r in records:
        d = by_id[r.document.id]
        out.append(
            {
                **{
                    k: d.get(k)
                    for k in ("id", "path", "title", "outlet", "url", "author", "kind", "published", "text")
                },
                "label": sentences.labels[d["id"]],
                "href": d["url"] if _is_web_url(d.get("url")) else None,
                "date_label": date_label(d["published"]["value"]) if d["published"]["value"] else "unknown",
                # the highlight ends with the sentence's last character, not its trailing blank lines
                "sentences": [
                    (f"s-{d['id']}-{i}", s.start, s.start + len(d["text"][s.start : s.end].rstrip()))
                    for i, s in enumerate(r.sentences)
                ],
            }
        )
    return out


def _is_web_url(url: str | None) -> bool:
    """Only http(s) addresses become links: never ``javascript:``, ``data:`` or the like."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _facts_by_id(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    facts: dict[str, dict[str, Any]] = {}
    for c in export["claims"]:
        facts[c["id"]] = {"kind": "claim", **c}
    for q in export["quotes"]:
        facts[q["id"]] = {"kind": "quote", **q}
    return facts


def _conflicted_spans(
    export: dict[str, Any], facts: dict[str, dict[str, Any]]
) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, the spans of claims and quotes that are part of a conflict."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for k in export["conflicts"]:
        for fid in k["claims"]:
            f = facts.get(fid)
            if f:
                spans[f["doc"]].append((f["start"], f["end"], k["id"]))
    return spans


def _overlapping_conflicts(
    conflicted: dict[str, list[tuple[int, int, str]]], doc: str, start: int, end: int
) -> list[str]:
    return sorted({cid for s, e, cid in conflicted.get(doc, ()) if s < end and start < e})


def _event(
    e: dict[str, Any],
    sentences: Sentences,
    entities: dict[str, dict[str, Any]],
    regions: dict[tuple[Any, Any], str],
    timexes: dict[str, list[dict[str, Any]]],
    documents: list[dict[str, Any]],
    conflicted: dict[str, list[tuple[int, int, str]]],
) -> dict[str, Any]:
    evidence = [sentences.ref(x["doc"], x["start"], x["end"], x["text"]) for x in e["evidence"]]
    conflicts = sorted(
        {c for x in e["evidence"] for c in _overlapping_conflicts(conflicted, x["doc"], x["start"], x["end"])}
    )
    inferred = _date_inference(e, timexes, documents)
    badges = []
    if e["sources"] > 1:
        badges.append(
            {"kind": "sources", "label": f"{e['sources']} sources", "title": "told by several sources"}
        )
    if conflicts:
        badges.append(
            {"kind": "conflict", "label": "conflict", "title": "sources disagree about a fact in it"}
        )
    if inferred:
        badges.append({"kind": "inferred", "label": "inferred date", "title": inferred})
    place = entities.get(e.get("place") or "")
    return {
        "id": e["id"],
        "date": e["date"]["value"],
        "precision": e["date"]["precision"],
        "date_label": date_label(e["date"]["value"]),
        "summary": e["summary"],
        "sources": e["sources"],
        "evidence": evidence,
        "badges": badges,
        "conflicts": conflicts,
        "inferred": inferred,
        "place": _entity_brief(place, regions) if place else None,
        "participants": [
            _entity_brief(entities[p], regions) for p in e.get("participants", []) if p in entities
        ],
    }


def _entity_brief(e: dict[str, Any], regions: dict[tuple[Any, Any], str]) -> dict[str, Any]:
    geo = e.get("geo")
    if geo:
        geo = {**geo, "admin1_name": regions.get((geo.get("country"), geo.get("admin1")))}
    return {"id": e["id"], "name": e["name"], "type": e["type"], "geo": geo}


def _date_inference(
    e: dict[str, Any], timexes: dict[str, list[dict[str, Any]]], documents: list[dict[str, Any]]
) -> str | None:
    """Why an event's date is inferred, or None when a source writes it out.

    A date is written out when some evidence sentence holds a time expression with the
    event's value that is absolute or anchored in the narrative; it is inferred when it
    rests on a document's date (a weekday, "yesterday") and that date was itself inferred
    or unknown.
    """
    published = {d["id"]: d["published"] for d in documents}
    value = e["date"]["value"]
    reasons = []
    for x in e["evidence"]:
        for t in timexes.get(x["doc"], ()):
            if not (x["start"] <= t["start"] < x["end"]):
                continue
            if not t.get("value") or not _same_date(t["value"], value):
                continue
            pub = published.get(t["doc"], {})
            if t.get("anchor") in _EXPLICIT_ANCHORS or pub.get("basis") in ("metadata", "text"):
                return None
            reasons.append(
                f"'{t['text']}' read against the document date {pub.get('value') or 'unknown'}"
                f" ({pub.get('basis', 'unknown')})"
            )
    return "; ".join(reasons) if reasons else "no time expression in the sources gives this date"


def _same_date(timex_value: str, event_value: str) -> bool:
    return (
        timex_value == event_value
        or timex_value.startswith(event_value)
        or event_value.startswith(timex_value)
    )


def _group_by_date(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        groups[(e["date"], e["precision"])].append(e)
    ordered = sorted(groups.items(), key=lambda kv: date_sort_key(*kv[0]))
    return [
        {
            "date": d,
            "precision": p,
            "label": date_label(d),
            "events": sorted(evs, key=lambda e: -e["sources"]),
        }
        for (d, p), evs in ordered
    ]


def _places(
    export: dict[str, Any], sentences: Sentences, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    regions = _region_names(export)
    events_at: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if e["place"]:
            events_at[e["place"]["id"]].append(
                {
                    "id": e["id"],
                    "date_label": e["date_label"],
                    "summary": e["summary"],
                    "ref": e["evidence"][0] if e["evidence"] else None,
                }
            )
    out = []
    for e in export["entities"]:
        geo = e.get("geo")
        if not geo:
            continue
        out.append(
            {
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "aliases": _aliases(e),
                "lat": geo["lat"],
                "lon": geo["lon"],
                "feature": geo.get("feature"),
                "country": geo.get("country"),
                "admin1": regions.get((geo.get("country"), geo.get("admin1"))) or geo.get("admin1"),
                "precision": geo.get("precision"),
                "gazetteer_id": geo.get("gazetteer_id"),
                "mentions": [sentences.ref(m["doc"], m["start"], m["end"], m["text"]) for m in e["mentions"]],
                "events": events_at.get(e["id"], []),
            }
        )
    return sorted(out, key=lambda p: (-len(p["mentions"]), p["name"]))


def _region_names(export: dict[str, Any]) -> dict[tuple[Any, Any], str]:
    """(country, admin1 code) -> region name, from the region entities the dossier itself holds."""
    names: dict[tuple[Any, Any], str] = {}
    for e in export["entities"]:
        geo = e.get("geo")
        if geo and geo.get("feature") == "region" and geo.get("admin1"):
            names.setdefault((geo.get("country"), geo["admin1"]), geo.get("name") or e["name"])
    return names


def _aliases(e: dict[str, Any]) -> list[str]:
    return [a for a in e.get("aliases", []) if a != e["name"]]


def _entity_groups(export: dict[str, Any], sentences: Sentences) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for key, title, types in ENTITY_GROUPS:
        items: list[dict[str, Any]]
        items = [
            {
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "aliases": _aliases(e),
                "geo": e.get("geo"),
                "mentions": [sentences.ref(m["doc"], m["start"], m["end"], m["text"]) for m in e["mentions"]],
            }
            for e in export["entities"]
            if e["type"] in types
        ]
        if items:
            groups.append(
                {
                    "key": key,
                    "title": title,
                    "entities": sorted(items, key=lambda i: (-len(i["mentions"]), i["name"])),
                }
            )
    return groups


def _claim(c: dict[str, Any], sentences: Sentences, conflicts_of: dict[str, list[str]]) -> dict[str, Any]:
    return {
        **c,
        "value_label": value_label(c),
        "who": c["attributed_to"]["name"] if c.get("attributed_to") else None,
        "ref": sentences.ref(c["doc"], c["start"], c["end"], c["text"]),
        "conflicts": conflicts_of.get(c["id"], []),
    }


def value_label(c: dict[str, Any]) -> str:
    """A claim's quantity as text: ``more than 100,000``, ``4,000–7,000``."""

    def num(x: float | None) -> str:
        if x is None:
            return "?"
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    text = num(c["value"]) if c.get("value") is not None else f"{num(c.get('low'))}–{num(c.get('high'))}"
    return f"{c['qualifier']} {text}" if c.get("qualifier") else text


def _conflict(k: dict[str, Any], facts: dict[str, dict[str, Any]], sentences: Sentences) -> dict[str, Any]:
    sides = []
    for fid in k["claims"]:
        f = facts.get(fid)
        if f is None:
            continue
        who = f.get("attributed_to") if f["kind"] == "claim" else f.get("speaker")
        sides.append(
            {
                "id": fid,
                "kind": f["kind"],
                "value_label": value_label(f) if f["kind"] == "claim" else None,
                "unit": f.get("unit"),
                "who": who["name"] if who else None,
                "hedged": f.get("hedged", False),
                "text": f["text"],
                "ref": sentences.ref(f["doc"], f["start"], f["end"], f["text"]),
            }
        )
    return {**k, "sides": sides}


def _quotes_by_speaker(export: dict[str, Any], sentences: Sentences) -> list[dict[str, Any]]:
    names = {e["id"]: e["name"] for e in export["entities"]}
    groups: dict[str, dict[str, Any]] = {}
    for q in export["quotes"]:
        speaker = q.get("speaker")
        key = (speaker.get("entity") or speaker["name"]) if speaker else ""
        name = (names.get(speaker.get("entity") or "") or speaker["name"]) if speaker else None
        group = groups.setdefault(
            key, {"speaker": name, "entity": speaker.get("entity") if speaker else None, "quotes": []}
        )
        group["quotes"].append({**q, "ref": sentences.ref(q["doc"], q["start"], q["end"], q["text"])})
    return sorted(
        groups.values(), key=lambda g: (g["speaker"] is None, -len(g["quotes"]), g["speaker"] or "")
    )
