"""Plain records passed between the stages.

One frozen dataclass per kind of fact. Everything past the annotate stage reads and writes
only these records (never a spaCy ``Doc``), so the link and store stages, the exports and
the tests work without a model. Every fact carries character offsets into
``Document.text`` (0-based, end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

#: The entity types of the export contract.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "OTHER")
DOCUMENT_KINDS = ("news", "encyclopedia", "other")
PUBLISHED_BASES = ("metadata", "text", "inferred", "unknown")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from, before it is read."""

    path: str
    """Path or URL as given by the user."""
    content: bytes
    format_hint: str | None = None
    published: str | None = None
    """Publication date the user gave for this source (``--published``), or its container's."""
    published_note: str = "given with --published"
    """Where ``published`` came from, for the document's date explanation."""


@dataclass(frozen=True, slots=True)
class Published:
    """A document's publication date and how it was found."""

    value: str | None = None
    basis: str = "unknown"
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: the canonical text every offset points into."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    kind: str = "other"
    language: str = "en"
    published: Published = field(default_factory=Published)
    format: str = "text"
    meta: dict[str, Any] = field(default_factory=dict)
    """Reader-specific metadata (front matter, infobox fields and links, removed boilerplate)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention."""

    start: int
    end: int
    text: str
    type: str
    """One of ENTITY_TYPES."""
    label: str = ""
    """The pipeline's own label (spaCy's ``ent.label_``)."""


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression with its TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str
    """DATE | TIME | DURATION | SET"""
    value: str | None = None
    mod: str | None = None
    anchor: str | None = None
    """absolute | dct | narrative | None"""
    rule: str | None = None
    """How to re-resolve the value when the anchor changes (e.g. a document date inferred later)."""


@dataclass(frozen=True, slots=True)
class Geo:
    lat: float
    lon: float
    gazetteer_id: str
    feature: str
    country: str | None = None
    admin1: str | None = None
    name: str | None = None
    precision: int = 1
    """1 = the exact town, 2 = near a town / part of a region, 3 = a region or natural feature."""
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A place-name mention, resolved to the gazetteer or not."""

    start: int
    end: int
    text: str
    type: str = "GPE"
    geo: Geo | None = None
    reason: str | None = None
    """Why ``geo`` is None (or how it was chosen)."""
    metonymic: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    start: int | None = None
    end: int | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A quantity asserted in a sentence, with who says so."""

    start: int
    end: int
    text: str
    """The sentence."""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    about: str | None = None
    qualifier: str | None = None
    attributed_to: Speaker | None = None
    hedged: bool = False
    hedge: str | None = None
    number_start: int | None = None
    number_end: int | None = None
    """Offsets of the quantity expression itself inside the document."""


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: Speaker | None = None
    cue: str | None = None
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Argument:
    """A participant slot of a predicate: the span of the argument's phrase."""

    start: int
    end: int
    role: str
    """subj | obj | obl | poss | mod (the dependency relation, simplified)."""
    head_start: int | None = None
    head_end: int | None = None
    """Offsets of the argument's head word, when the parse gives one."""


@dataclass(frozen=True, slots=True)
class Predicate:
    """An event-denoting word (a verb or an eventive noun) with its arguments."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    """VERB | NOUN"""
    tense: str | None = None
    """past | present | future | None (nouns, infinitives, participles without auxiliary)."""
    args: tuple[Argument, ...] = ()
    clause_start: int | None = None
    clause_end: int | None = None
    """The span of the predicate's clause (its subtree), to find the timex that dates it."""


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """Everything the annotate stage found in one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    predicates: tuple[Predicate, ...] = ()
    """Event-denoting words with their arguments (empty when the pipeline has no parser)."""


def claim_id(doc_id: str, index: int) -> str:
    """The stable id of a document's ``index``-th claim."""
    return f"{doc_id}-c{index}"


def quote_id(doc_id: str, index: int) -> str:
    """The stable id of a document's ``index``-th quote."""
    return f"{doc_id}-q{index}"


def doc_of(fact_id: str) -> str:
    """The document a claim or quote id (``claim_id``, ``quote_id``) belongs to."""
    return fact_id.rsplit("-", 1)[0]


# -- link-stage records ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    geo: Geo | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str
    precision: str
    """time | day | month | year | interval"""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: EventDate
    summary: str
    evidence: tuple[Evidence, ...]
    sources: int
    place: str | None = None
    participants: tuple[str, ...] = ()


def check_order(check: DistanceCheck) -> tuple[str, int, int, str, str]:
    """The order distance checks are kept in."""
    return check.doc, check.start, check.end, check.origin, check.target


def event_order(event: Event) -> tuple[str, str]:
    """The timeline's order: the first day an entry's date covers, then its id."""
    return event.date.value.split("/", 1)[0][:10], event.id


@dataclass(frozen=True, slots=True)
class EventMention:
    """One predicate-level event mention: what happened (the predicate), who, where, when."""

    doc: str
    start: int
    end: int
    text: str
    """The predicate word."""
    lemma: str
    sentence: tuple[int, int]
    """Offsets of the sentence it is in."""
    participants: tuple[str, ...] = ()
    """Entity ids among its arguments."""
    place: str | None = None
    date: EventDate | None = None
    date_basis: str = "none"
    """timex (a time expression in its clause or sentence) | story (a past-tense verb: the
    day the article's story happened) | tense (the document date, by its tense) | narrative
    (the last date before it) | none."""
    event: str | None = None
    """Id of the timeline entry the mention is part of, if any."""
    cluster: str = ""
    """Id of its cross-document coreference cluster (mentions of one real-world event)."""
    heading: bool = False
    """The mention is in a heading or caption (it restates an event a sentence reports)."""


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    about: str
    kind: str
    claims: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class DistanceCheck:
    """A stated distance between two places, checked against the geodesic between them."""

    doc: str
    start: int
    end: int
    text: str
    """The sentence."""
    origin: str
    target: str
    stated_km: float
    measured_km: float | None
    direction: str | None = None
    measured_direction: str | None = None
    agrees: bool | None = None


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The cross-document view: merged entities, a timeline, conflicts, inferred dates."""

    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    published: dict[str, Published] = field(default_factory=dict)
    """Document id -> publication date the link stage inferred."""
    distance_checks: tuple[DistanceCheck, ...] = ()
    timexes: dict[str, tuple[Timex, ...]] = field(default_factory=dict)
    """Document id -> its timexes re-resolved against an inferred publication date."""
    basis: str = ""
    """Fingerprint of the set of documents this view was computed from."""
    mentions: tuple[EventMention, ...] = ()
    """Predicate-level event mentions (from records that carry predicates), clustered."""
    linked: tuple[str, ...] = ()
    """The ids of the documents this view covers, sorted."""
    incremental: tuple[str, ...] = ()
    """Those added to it incrementally since it was last linked in full (sorted; empty when
    the view is a full link of ``linked``)."""


@dataclass(frozen=True, slots=True)
class LinkPatch:
    """What an incremental link changes in a stored view (``Store.patch_links``), so that a
    large view is not read and written whole for a few new documents."""

    entities: tuple[Entity, ...] = ()
    """New and changed entities, whole (a changed one replaces the stored one of its id)."""
    events: tuple[Event, ...] = ()
    """New and changed timeline entries, whole."""
    conflicts: tuple[Conflict, ...] = ()
    """New conflicts."""
    removed_conflicts: tuple[str, ...] = ()
    """Stored conflicts a new one includes."""
    renamed_entities: dict[str, str] = field(default_factory=dict)
    """Stored entities merged into another: id → the id they now go by (they are removed,
    and every reference to them follows)."""
    renamed_events: dict[str, str] = field(default_factory=dict)
    """Stored entries merged into another, likewise."""
    mentions: tuple[EventMention, ...] = ()
    """The new documents' predicate-level event mentions."""
    published: dict[str, Published] = field(default_factory=dict)
    timexes: dict[str, tuple[Timex, ...]] = field(default_factory=dict)
    distance_checks: tuple[DistanceCheck, ...] = ()
    """The new documents' inferred dates, re-anchored timexes and distance checks."""
    base: str = ""
    """The ``basis`` of the view the patch extends: a store refuses it on any other view."""
    basis: str = ""
    linked: tuple[str, ...] = ()
    incremental: tuple[str, ...] = ()
    """The patched view's ``basis``, ``linked`` and ``incremental``."""

    def apply(self, view: LinkResult) -> LinkResult:
        """``view`` with this patch applied (what a store holds after ``patch_links``)."""
        ents, evs = self.renamed_entities, self.renamed_events
        changed = {e.id for e in self.entities}
        entities = [e for e in view.entities if e.id not in ents and e.id not in changed]
        changed = {e.id for e in self.events}
        events = [e for e in view.events if e.id not in evs and e.id not in changed]
        dropped = {*self.removed_conflicts, *(c.id for c in self.conflicts)}
        conflicts = [c for c in view.conflicts if c.id not in dropped]
        mentions = [self.follow(m) for m in view.mentions]
        checks = (*view.distance_checks, *self.distance_checks)
        return LinkResult(
            entities=tuple(sorted((*entities, *self.entities), key=lambda e: e.id)),
            events=tuple(sorted((*events, *self.events), key=event_order)),
            conflicts=tuple(sorted((*conflicts, *self.conflicts), key=lambda c: c.id)),
            published={**view.published, **self.published},
            distance_checks=tuple(sorted(checks, key=check_order)),
            timexes={**view.timexes, **self.timexes},
            basis=self.basis,
            mentions=tuple(sorted((*mentions, *self.mentions), key=lambda m: (m.doc, m.start, m.end))),
            linked=self.linked,
            incremental=self.incremental,
        )

    def follow(self, m: EventMention) -> EventMention:
        """A stored predicate-level mention whose references to merged entities and entries
        follow them."""
        ents, evs = self.renamed_entities, self.renamed_events
        if not ents and not evs:
            return m
        event = evs.get(m.event, m.event) if m.event else None
        place = ents.get(m.place, m.place) if m.place else None
        participants = tuple(dict.fromkeys(ents.get(p, p) for p in m.participants))
        if (event, place, participants) == (m.event, m.place, m.participants):
            return m
        return replace(m, event=event, place=place, participants=participants)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A source whose text is a (near-)copy of a stored document: another outlet for it."""

    path: str
    doc: str
    """The stored document it copies (the first copy seen)."""
    similarity: float
    """Estimated Jaccard similarity of their word 5-gram sets (1.0: the same text)."""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """An input the build refused, and why."""

    path: str
    reason: str
