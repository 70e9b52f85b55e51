"""Adding documents to a linked dossier: re-link only what they touch.

A full link compares every document with every other (entities, the timeline, conflicts),
so its cost grows with the dossier. When a few documents are added to a large one, the
link stage instead:

1. finds the stored documents the new ones *touch*, from the stored view alone (no record
   is read for it): for every entity of the view a new document names (same name key,
   same consonant skeleton, same gazetteer id), its ``PER_ENTITY`` documents that mention
   it most; for every timeline entry one of those entities takes part in, on a date a new
   document's time expressions are compatible with, the ``PER_EVENT`` documents holding
   most of its evidence; and the stored near-copies of a new document (MinHash LSH over
   the stored signatures);
2. links the new and the touched documents with the ordinary link stage;
3. splices that partial view into the stored one. The stored view is kept: no entity,
   entry or conflict splits and nothing drops out. A new document's mention joins the
   stored entity (entry, predicate cluster) its partial cluster shares a touched document's
   mention with; two stored entities (entries) that one partial cluster bridges become one;
   what touches nothing stored is added as it is. A grown entity or entry keeps its id, so
   a reader's links into the dossier stay valid; merged ones take the id of the larger.
   The partial view's conflicts that involve a new claim are added, replacing the stored
   ones whose claims they include.

This is an approximation of the full link, not the same result: untouched entries were
clustered with the word weights of the dossier they were computed in, and a new document
cannot split what was merged before. ``needs_full`` decides when to link everything again
instead (the share of incrementally added documents grows past ``MAX_SHARE``; a document
was replaced or removed; the view was made by another version), and ``dossier relink``
always links everything. ``benchmarks/incremental.py`` measures the agreement of the two.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from datasketch import MinHash, MinHashLSH

from dossier.link import keys
from dossier.link.dedup import NUM_PERM, THRESHOLD, from_bytes, signature_of
from dossier.link.entities import collect_mentions
from dossier.link.events import _finest, dates_compatible, parse_value
from dossier.link.unionfind import ConstrainedUnionFind
from dossier.models import (
    AnnotatedDocument,
    Conflict,
    Entity,
    Event,
    EventDate,
    EventMention,
    LinkPatch,
    LinkResult,
    doc_of,
)

T = TypeVar("T")
U = TypeVar("U")

__all__ = ["MAX_SHARE", "PER_ENTITY", "PER_EVENT", "needs_full", "splice", "touched"]

#: Documents added incrementally since the last full link, as a share of the dossier, past
#: which the next addition links everything again, so that the approximation's drift stays
#: bounded (on 2,000 synthetic documents, 100 added at once left the timeline's B³ agreement
#: with a full link at 0.997 and kept 94% of the entities identical, id and mentions).
MAX_SHARE = 0.1

#: Stored documents read for each stored entity a new document names: the ones naming it
#: most. One carries a new mention into the entity. On 2,000 synthetic documents with 10
#: added (seed 11), reading 2 or 3 moved the B³ agreement with a full link by less than
#: 0.001 and cost 1.5–2x the time.
PER_ENTITY = 1

#: Stored documents read for each timeline entry a new document may report (one of the
#: entities it names takes part, on a date its time expressions are compatible with).
PER_EVENT = 1

#: When the new and touched documents are more than this share of the dossier, a full
#: link costs about the same and is exact: it is run instead.
MAX_TOUCHED = 0.5


def needs_full(old: LinkResult, current: Sequence[str], basis_of_linked: str) -> str | None:
    """Why the view must be linked in full rather than extended, or None if it can be.

    Args:
        old: the stored view.
        current: the ids of the dossier's current documents.
        basis_of_linked: the basis this version of dossier gives the documents the stored
            view names (equal to ``old.basis`` when this version made it from them).
    """
    if not old.linked:
        return "no linked view yet"
    if old.basis != basis_of_linked:
        return "the view was made by another version of dossier"
    now = set(current)
    if not set(old.linked) <= now:
        return "a linked document was replaced or removed"
    added = len(now) - len(old.linked) + len(old.incremental)
    if added > MAX_SHARE * len(now):
        return f"{added} of {len(now)} documents would be linked incrementally (more than {MAX_SHARE:.0%})"
    return None


# -- what new documents touch ----------------------------------------------------------------


def _name_keys(text: str) -> set[str]:
    key = keys.name_key(text)
    if not key:
        return set()
    out = {"k:" + key}
    skeleton = keys.name_skeleton(text)
    if len(skeleton.replace(" ", "")) >= 3:
        out.add("s:" + skeleton)
    return out


def _top_docs(docs: Iterable[str], n: int) -> list[str]:
    counts = Counter(docs)
    return sorted(counts, key=lambda d: (-counts[d], d))[:n]


def touched(
    old: LinkResult,
    new_records: Iterable[AnnotatedDocument],
    *,
    signatures: Iterable[tuple[str, bytes]] = (),
    linked: Collection[str] = (),
) -> frozenset[str]:
    """The stored documents new ones touch, found from the stored view (see the module).

    Args:
        old: the stored view.
        new_records: the new documents (their ``mentions``, ``places`` and ``timexes``).
        signatures: stored MinHash signatures (document id, bytes).
        linked: the ids of the documents the stored view covers (others are ignored).
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(old.entities):
        for form in {e.name, *e.aliases}:
            for k in _name_keys(form):
                by_key[k].append(i)
        if e.geo is not None:
            by_key["g:" + e.geo.gazetteer_id].append(i)
    found: set[int] = set()
    values: set[str] = set()
    new_sigs = {}
    for record in new_records:
        for m in collect_mentions(record):
            for k in _name_keys(m.text) | ({"g:" + m.geo.gazetteer_id} if m.geo else set()):
                found.update(by_key.get(k, ()))
        for t in record.timexes:
            if t.value and parse_value(t.value) is not None:
                values.add(t.value)
        if record.document.published.value:
            values.add(record.document.published.value[:10])
        new_sigs[record.document.id] = signature_of(record.document, {})
    docs: set[str] = set()
    names = {old.entities[i].id for i in found}
    for i in found:
        docs.update(_top_docs((m.doc for m in old.entities[i].mentions), PER_ENTITY))
    for ev in old.events:
        if not names.intersection(ev.participants) and ev.place not in names:
            continue
        if any(dates_compatible(ev.date.value, v) for v in values):
            docs.update(_top_docs((x.doc for x in ev.evidence), PER_EVENT))
    docs |= _copies(new_sigs, signatures, set(linked))
    return frozenset(docs & set(linked)) if linked else frozenset(docs)


def _copies(
    new_sigs: Mapping[str, MinHash], signatures: Iterable[tuple[str, bytes]], linked: set[str]
) -> set[str]:
    """Stored documents whose MinHash signature is a near-copy of a new document's."""
    if not new_sigs:
        return set()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for doc_id, sig in new_sigs.items():
        lsh.insert(doc_id, sig)
    out: set[str] = set()
    for doc_id, blob in signatures:
        if doc_id in linked and doc_id not in new_sigs:
            sig = from_bytes(blob)
            if any(sig.jaccard(new_sigs[n]) >= THRESHOLD for n in lsh.query(sig)):
                out.add(doc_id)
    return out


# -- splicing a partial view into the stored one ---------------------------------------------


def _join(
    links: Sequence[tuple[str, Sequence[str]]], stored: Mapping[str, T], part: Mapping[str, U]
) -> list[tuple[list[T], list[U]]]:
    """Groups of (stored items, partial items) that ``links`` (a partial id and the stored
    ids it shares a touched document's item with) join, in a stable order; the items are
    looked up by id in ``stored`` and ``part``."""
    nodes = {("p", p): None for p, _ in links} | {("o", o): None for _, olds in links for o in olds}
    uf: ConstrainedUnionFind[tuple[str, str], None] = ConstrainedUnionFind(
        nodes, compatible=lambda a, b: True, merge=lambda a, b: None
    )
    for p, olds in links:
        for o in olds:
            uf.union(("p", p), ("o", o))
    groups = sorted(
        ([i for k, i in members if k == "o"], [i for k, i in members if k == "p"])
        for members in map(sorted, uf.groups().values())
    )
    return [([stored[i] for i in olds], [part[i] for i in parts]) for olds, parts in groups]


@dataclass(slots=True)
class _Ids:
    """Where ids went: ``stored`` maps a stored id merged into another to the survivor,
    ``part`` maps every partial id to its id in the spliced view."""

    stored: dict[str, str]
    part: dict[str, str]

    def of_stored(self, i: str) -> str:
        return self.stored.get(i, i)

    def of_part(self, i: str | None) -> str | None:
        """A partial id's id in the spliced view (None for one it has no place for)."""
        return self.part.get(i) if i else None

    def all_of_part(self, ids: Iterable[str]) -> tuple[str, ...]:
        return _unique(j for i in ids if (j := self.of_part(i)) is not None)


def _unique(ids: Iterable[str], drop: str | None = None) -> tuple[str, ...]:
    return tuple(i for i in dict.fromkeys(ids) if i != drop)


def splice(old: LinkResult, part: LinkResult, new: Collection[str]) -> LinkPatch:
    """What extending the stored view ``old`` with the documents ``new`` changes in it, from
    ``part``: the link of the new documents and the stored ones they touch (see the
    module). ``old.mentions`` need only hold the touched documents' mentions."""
    new = set(new)
    entity_ids, entities = _splice_entities(old.entities, part.entities, new)
    event_ids, events = _splice_events(old.events, part.events, new, entity_ids)
    conflicts, removed = _splice_conflicts(old.conflicts, part.conflicts, new)
    return LinkPatch(
        entities=entities,
        events=events,
        conflicts=conflicts,
        removed_conflicts=removed,
        renamed_entities=entity_ids.stored,
        renamed_events=event_ids.stored,
        mentions=_new_mentions(old.mentions, part.mentions, new, entity_ids, event_ids),
        published={d: p for d, p in part.published.items() if d in new},
        timexes={d: t for d, t in part.timexes.items() if d in new},
        distance_checks=tuple(c for c in part.distance_checks if c.doc in new),
    )


def _splice_entities(
    old: Sequence[Entity], part: Sequence[Entity], new: set[str]
) -> tuple[_Ids, tuple[Entity, ...]]:
    """The spliced entities, and where the partial (and merged stored) entity ids went."""
    touched_docs = {m.doc for p in part for m in p.mentions if m.doc not in new}
    owner: dict[tuple[str, int, int], str] = {}
    for e in old:
        for m in e.mentions:
            if m.doc in touched_docs:
                owner[(m.doc, m.start, m.end)] = e.id
    by_id = {e.id: e for e in old}
    ids = _Ids({}, {})
    links: list[tuple[str, list[str]]] = []
    for p in part:
        olds = sorted({owner[k] for m in p.mentions if (k := (m.doc, m.start, m.end)) in owner})
        if not any(m.doc in new for m in p.mentions):
            if olds:  # a touched document's entity: its mentions stay where they were
                ids.part[p.id] = olds[0]
            continue
        # two stored entities join through a new mention only if their places agree
        if len({g.gazetteer_id for o in olds if (g := by_id[o].geo) is not None}) > 1:
            olds = [max(olds, key=lambda o: (len(by_id[o].mentions), o))]
        links.append((p.id, olds))
    changed: dict[str, Entity] = {}
    taken = set(by_id)
    for stored, added in _join(links, by_id, {p.id: p for p in part}):
        if stored:
            main = max(stored, key=lambda e: (len(e.mentions), e.id))
            ids.stored.update((e.id, main.id) for e in stored if e.id != main.id)
            new_mentions = [m for p in added for m in p.mentions if m.doc in new]
            mentions = sorted({*(m for e in stored for m in e.mentions), *new_mentions},
                              key=lambda m: (m.doc, m.start, m.end))
            aliases = sorted({a for e in (*stored, *added) for a in e.aliases})
            geo = main.geo or next((e.geo for e in (*stored, *added) if e.geo is not None), None)
            changed[main.id] = replace(main, aliases=tuple(aliases), mentions=tuple(mentions), geo=geo)
            target = main.id
        else:
            (p,) = added
            target = keys.fresh_id(p.id, taken)
            changed[target] = replace(p, id=target)
        ids.part.update((p.id, target) for p in added)
    ids.part = {k: ids.of_stored(v) for k, v in ids.part.items()}
    return ids, tuple(changed.values())


def _splice_events(
    old: Sequence[Event], part: Sequence[Event], new: set[str], entity_ids: _Ids
) -> tuple[_Ids, tuple[Event, ...]]:
    """The spliced timeline, and where the partial (and merged stored) entry ids went."""
    touched_docs = {x.doc for q in part for x in q.evidence if x.doc not in new}
    owners: dict[tuple[str, int, int], list[Event]] = defaultdict(list)
    for ev in old:
        for x in ev.evidence:
            if x.doc in touched_docs:
                owners[(x.doc, x.start, x.end)].append(ev)
    by_id = {ev.id: ev for ev in old}
    ids = _Ids({}, {})
    links: list[tuple[str, list[str]]] = []
    for q in part:
        olds = sorted({
            ev.id
            for x in q.evidence
            for ev in owners.get((x.doc, x.start, x.end), ())
            if dates_compatible(ev.date.value, q.date.value)
        })
        if not any(x.doc in new for x in q.evidence):
            if olds:
                ids.part[q.id] = olds[0]
            continue
        links.append((q.id, olds))

    def stored_refs(e: Event) -> tuple[str | None, tuple[str, ...]]:
        place = entity_ids.of_stored(e.place) if e.place else None
        return place, tuple(entity_ids.of_stored(p) for p in e.participants)

    def part_refs(e: Event) -> tuple[str | None, tuple[str, ...]]:
        return entity_ids.of_part(e.place), entity_ids.all_of_part(e.participants)

    changed: dict[str, Event] = {}
    taken = set(by_id)
    for stored, added in _join(links, by_id, {q.id: q for q in part}):
        refs = [stored_refs(e) for e in stored] + [part_refs(q) for q in added]
        place = next((pl for pl, _ in refs if pl), None)
        participants = _unique((p for _, ps in refs for p in ps), drop=place)
        if stored:
            main = max(stored, key=lambda e: (len(e.evidence), e.id))
            ids.stored.update((e.id, main.id) for e in stored if e.id != main.id)
            known = {(x.doc, x.start, x.end) for e in stored for x in e.evidence}
            extra = {x for q in added for x in q.evidence if (x.doc, x.start, x.end) not in known}
            evidence = sorted({*(x for e in stored for x in e.evidence), *extra},
                              key=lambda x: (x.doc, x.start, x.end))
            value, precision = _finest([(e.date.value, e.date.precision) for e in (*stored, *added)])
            sources = max(e.sources for e in stored) + len({x.doc for x in extra if x.doc in new})
            target = main.id
            changed[target] = replace(main, date=EventDate(value, precision), evidence=tuple(evidence),
                                      sources=sources, place=place, participants=participants)
        else:
            (q,) = added
            target = keys.fresh_id(q.id, taken)
            changed[target] = replace(q, id=target, place=place, participants=participants)
        ids.part.update((q.id, target) for q in added)
    ids.part = {k: ids.of_stored(v) for k, v in ids.part.items()}
    # stored entries that name a merged entity follow it
    for ev in old:
        if ev.id in ids.stored or ev.id in changed:
            continue
        place, participants = stored_refs(ev)
        if (place, participants) != (ev.place, ev.participants):
            changed[ev.id] = replace(ev, place=place, participants=_unique(participants, drop=place))
    return ids, tuple(changed.values())


def _splice_conflicts(
    old: Sequence[Conflict], part: Sequence[Conflict], new: set[str]
) -> tuple[tuple[Conflict, ...], tuple[str, ...]]:
    """The conflicts to add, and the stored ones they replace.

    The partial view's conflicts that involve a new document's claim are added. One that
    shares a claim with stored conflicts of its kind joins them into one, under the largest
    one's id (the others are removed): the stored claims and explanations stay, the new
    ones are added, and no claim is shown in two overlapping conflicts.
    """
    by_claim: dict[str, list[Conflict]] = defaultdict(list)
    for c in old:
        for x in c.claims:
            by_claim[x].append(c)
    added = {c.id: c for c in part if any(doc_of(x) in new for x in c.claims)}
    links = [(c.id, sorted({o.id for x in c.claims for o in by_claim.get(x, ()) if o.kind == c.kind}))
             for c in added.values()]
    by_id = {c.id: c for c in old}
    out: list[Conflict] = []
    removed: list[str] = []
    for stored, fresh in _join(links, by_id, added):
        if not stored:
            out.extend(fresh)
            continue
        main = max(stored, key=lambda c: (len(c.claims), c.id))
        claims = sorted({x for c in (*stored, *fresh) for x in c.claims})
        covered = set().union(*(c.claims for c in fresh))
        # a stored conflict the new ones include says nothing they do not
        kept = [c for c in stored if not set(c.claims) <= covered]
        explanation = " ".join(dict.fromkeys(c.explanation for c in (*kept, *fresh)))
        out.append(Conflict(main.id, main.about, main.kind, tuple(claims), explanation))
        removed.extend(c.id for c in stored if c.id != main.id)
    return tuple(out), tuple(removed)


def _new_mentions(
    old: Sequence[EventMention],
    part: Sequence[EventMention],
    new: set[str],
    entity_ids: _Ids,
    event_ids: _Ids,
) -> tuple[EventMention, ...]:
    """The new documents' predicate-level mentions, in the stored clusters their partial
    clusters share a touched document's mention with."""
    stored_cluster = {(m.doc, m.start, m.end): m.cluster for m in old}
    adopt: dict[str, str] = {}
    for m in part:
        if m.doc not in new:
            c = stored_cluster.get((m.doc, m.start, m.end))
            if c is not None and (m.cluster not in adopt or c < adopt[m.cluster]):
                adopt[m.cluster] = c
    return tuple(
        replace(
            m,
            event=event_ids.of_part(m.event),
            participants=entity_ids.all_of_part(m.participants),
            place=entity_ids.of_part(m.place),
            cluster=adopt.get(m.cluster, m.cluster),
        )
        for m in part
        if m.doc in new
    )
