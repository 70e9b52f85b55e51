"""Claims compared: conflicting numbers and contradicted statements.

Two claims are *comparable* when they count the same thing (same unit head and rate after
folding synonyms — ``soldiers``/``troops`` — or, for a bare number, a counted noun just
before it), in a different sentence, on the same topic (one timeline entry, or close
together in one document), and nothing in their immediate context separates their scope
(different actors right next to the number: "Russia is firing 20,000 … while Ukraine is
firing 4,000"; different outcomes: killed vs injured). Comparable claims whose values
cannot both be true form a ``quantity`` conflict, explained by who said what and when;
agreeing ones corroborate each other (``corroborations``).

A statement conflict is a quoted or reported denial ("not a single piece of … was left
behind", "X denied …") that a sentence explicitly contradicts, or that another source's
sentence about the same entry affirms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from dossier.claims.numbers import parse_number
from dossier.claims.units import CURRENCY_SIGNS, KINDS
from dossier.link import keys
from dossier.link.entities import EntityIndex
from dossier.link.unionfind import ConstrainedUnionFind
from dossier.models import (
    AnnotatedDocument,
    Claim,
    Conflict,
    Document,
    Event,
    Published,
    Quote,
    Timex,
    claim_id,
    quote_id,
)

#: Counted things that name the same referent, folded to one head (WordNet synonym sets of
#: the nouns conflict reports count most; ACLED/OCHA casualty categories).
SYNONYMS = {
    "troop": ("soldier", "troop", "serviceman", "servicemen", "servicemember", "personnel",
              "fighter", "combatant", "infantryman", "infantrymen"),
    "person": ("people", "person", "persons", "individual"),
    "dead": ("dead", "death", "killed", "fatality", "fatalities", "casualty", "victim"),
    "injured": ("injured", "wounded", "injury", "injuries"),
    "civilian": ("civilian", "resident", "inhabitant"),
    "refugee": ("refugee", "displaced", "evacuee"),
    "percent": ("percent", "percentage", "per cent", "%"),
}

#: Outcome words that split the scope of a count (killed ≠ injured ≠ missing ≠ captured).
OUTCOMES = {
    "dead": ("killed", "dead", "died", "death", "deaths", "fatalities", "kill"),
    "injured": ("injured", "wounded", "hurt", "injuries"),
    "missing": ("missing",),
    "captured": ("captured", "detained", "arrested", "surrendered", "prisoner", "prisoners"),
    "displaced": ("displaced", "evacuated", "fled", "evacuate"),
}

#: Relative difference two approximate values may have and still agree ("about 30,000" vs
#: "31,000"); exact values must agree within rounding.
APPROX_TOLERANCE = 0.1
EXACT_TOLERANCE = 0.01

#: Characters around a number searched for actors and outcomes that set its scope.
SCOPE_WINDOW = 40

#: Characters before a bare number searched for the thing it counts (about two sentences).
CONTEXT_WINDOW = 300

#: Share of the smaller sentence's content words a denial and a report must have in common.
STATEMENT_OVERLAP = 0.4

#: Content words two amounts (dollars, percent, miles) must share around their numbers to
#: measure the same thing ("storm damage … $2 billion" and "put the storm damage at $5
#: billion"; one shared verb, "costs", or one shared name, "Amazon", is not enough).
MEASURE_SHARED = 2

#: Two claims of one document this close (characters) share a topic without an event.
NEAR = 800

_APPROX = re.compile(r"about|approx|around|roughly|some|nearly|almost|estimat|~|circa", re.I)
_LOWER_BOUND = re.compile(r"at least|more than|over|above|upwards of|in excess of|no fewer", re.I)
_UPPER_BOUND = re.compile(r"at most|up to|fewer than|less than|under|below|no more than", re.I)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|not a single|none of|no (?:\w+ ){0,3}(?:was|were|has|had)\b|never|"
    r"false|fake|baseless|untrue|rejected (?:the )?(?:claim|report)s?)",
    re.I,
)
#: Denials strong enough to set one source against another on their own.
_DENIAL_STRONG = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|not a single|rejected (?:the )?(?:claim|report)s?|dismissed (?:the )?"
    r"(?:claim|report)s?|refuted|no evidence)",
    re.I,
)
_CONTRADICT = re.compile(r"\bcontradict\w*|\bcontrary to\b|\brefut\w*|\bdisprov\w*|\bbelie\w*", re.I)

_SYN = {w: head for head, words in SYNONYMS.items() for w in words}
_OUT = {w: head for head, words in OUTCOMES.items() for w in words}


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim with what the comparison needs."""

    id: str
    doc: str
    index: int
    claim: Claim
    heads: frozenset[tuple[str, str]]
    """(counted thing, rate) keys; a bare number may carry several candidates."""
    source: str
    topic: frozenset[str]
    """Event ids whose evidence holds the claim's sentence."""
    actors: frozenset[str]
    outcomes: frozenset[str]
    when: str | None
    measure: bool = False
    """A unit of measure, a currency or a percentage rather than a counted thing."""
    scope: frozenset[str] = frozenset()
    """Content stems right around the number (the unit's own words left out)."""


# -- normalising ---------------------------------------------------------------------------


def _singular(word: str) -> str:
    w = word.casefold()
    if w in _SYN or w in ("people", "servicemen", "infantrymen"):
        return w
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    return w


def head_of(word: str) -> str:
    """The folded counted-thing key of one word (synonyms folded, plural removed)."""
    w = word.casefold()
    return _SYN.get(w) or _SYN.get(_singular(w)) or _singular(w)


def unit_key(unit: str | None) -> tuple[str, str] | None:
    """(counted thing, rate) of a unit: ``artillery rounds per day`` → (``round``, ``day``)."""
    if not unit:
        return None
    text = keys.fold(unit).replace("%", " percent ")
    main, _, rate = text.partition(" per ")
    if not rate:
        main, _, rate = text.partition(" a ")
    words = re.findall(r"[a-z]+", main)
    if not words:
        return None
    rate_words = re.findall(r"[a-z]+", rate)
    return head_of(words[-1]), (_singular(rate_words[0]) if rate_words else "")


def _context_heads(text: str, claim: Claim) -> frozenset[tuple[str, str]]:
    """Counted-thing candidates of a bare number: plural nouns shortly before it."""
    at = claim.number_start if claim.number_start is not None else claim.start
    window = text[max(0, at - CONTEXT_WINDOW) : at]
    words = re.findall(r"[A-Za-z]+", window)
    heads = {head_of(w) for w in words if len(w) > 3 and (w.casefold() in _SYN or w.endswith("s"))}
    return frozenset((h, "") for h in heads)


def _scope_words(text: str, claim: Claim) -> tuple[str, str]:
    """Text right around the number (inside its sentence): before, after. Without the
    number's offsets, the whole sentence."""
    if claim.number_start is None or claim.number_end is None:
        return claim.text, ""
    lo = claim.number_start if claim.number_start is not None else claim.start
    hi = claim.number_end if claim.number_end is not None else claim.end
    before = text[max(claim.start, lo - SCOPE_WINDOW) : lo]
    after = text[hi : min(claim.end, hi + SCOPE_WINDOW)]
    return before, after


def _outcomes(text: str, claim: Claim) -> frozenset[str]:
    before, after = _scope_words(text, claim)
    words = re.findall(r"[a-z]+", (before + " " + after).casefold())
    return frozenset(_OUT[w] for w in words if w in _OUT)


def _is_measure(unit: str | None) -> bool:
    """Whether a claim's unit measures (dollars, percent, miles) rather than names what is
    counted (soldiers, settlements)."""
    key = unit_key(unit)
    if key is None:
        return False
    return unit in CURRENCY_SIGNS.values() or key[0] == "percent" or KINDS.get(key[0], "count") != "count"


def _scope(text: str, claim: Claim) -> frozenset[str]:
    """Content stems around the number: not the unit's, not number words ("billion")."""
    before, after = _scope_words(text, claim)
    words = [w for w in re.findall(r"[A-Za-z]+", before + " " + after) if parse_number(w) is None]
    return keys.content_stems(" ".join(words)) - keys.content_stems(claim.unit or "")


def _actors(record: AnnotatedDocument, claim: Claim, index: EntityIndex, kinds: Mapping[str, str]) -> frozenset[str]:
    if claim.number_start is None or claim.number_end is None:
        return frozenset()
    lo = claim.number_start if claim.number_start is not None else claim.start
    hi = claim.number_end if claim.number_end is not None else claim.end
    start, end = max(claim.start, lo - SCOPE_WINDOW), min(claim.end, hi + SCOPE_WINDOW)
    found = index.in_span(record.document.id, start, end)
    return frozenset(kinds[e] for e in found if e in kinds)


# -- comparing -----------------------------------------------------------------------------


def _bounds(ref: ClaimRef) -> tuple[float, float] | None:
    """The interval of values a claim allows."""
    c = ref.claim
    q = c.qualifier or ""
    if c.low is not None and c.high is not None and c.value is None:
        return (min(c.low, c.high), max(c.low, c.high))
    if c.value is None:
        return None
    v = float(c.value)
    if _LOWER_BOUND.search(q):
        return (v, float("inf"))
    if _UPPER_BOUND.search(q):
        return (float("-inf"), v)
    tol = APPROX_TOLERANCE if (_APPROX.search(q) or c.hedged) else EXACT_TOLERANCE
    return (v * (1 - tol), v * (1 + tol)) if v >= 0 else (v * (1 + tol), v * (1 - tol))


def agree(a: ClaimRef, b: ClaimRef) -> bool | None:
    """Whether two comparable claims' values can both be true (None: no values)."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return None
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def party_of(ref: ClaimRef) -> str:
    """The party a figure is attributed to, folded ('' for the source's own voice)."""
    who = ref.claim.attributed_to.name if ref.claim.attributed_to else ""
    return (who or "").casefold()


def opposable(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two figures may be set against each other: they come from different sources,
    or one source attributes them to two different parties ("the ministry said 30,000 …
    the minister, 40,000"). Within one source, figures in its own voice, or one party's,
    count different things far more often than they contradict: parts of a total, later
    counts, the prices of a list."""
    if a.source != b.source:
        return True
    wa, wb = party_of(a), party_of(b)
    return bool(wa and wb and wa != wb)


def _clash_across(spans: Sequence[tuple[ClaimRef, Any, tuple[float, float]]]) -> set[str]:
    """Ids of the spans whose interval disagrees with one of another key: ``(ref, key, (low,
    high))`` items; linear (the lowest end and highest start of the two best keys)."""
    lowest_end: dict[Any, float] = {}
    highest_start: dict[Any, float] = {}
    for _, k, (lo, hi) in spans:
        lowest_end[k] = min(hi, lowest_end.get(k, hi))
        highest_start[k] = max(lo, highest_start.get(k, lo))
    if len(lowest_end) < 2:
        return set()
    ends = sorted((hi, k) for k, hi in lowest_end.items())[:2]
    starts = sorted(((lo, k) for k, lo in highest_start.items()), reverse=True)[:2]
    out = set()
    for r, k, (lo, hi) in spans:
        other_end = ends[1][0] if ends[0][1] == k else ends[0][0]  # the lowest end of another key
        other_start = starts[1][0] if starts[0][1] == k else starts[0][0]  # the highest start of another
        if other_end < lo or other_start > hi:
            out.add(r.id)
    return out


def _clashing(group: Sequence[ClaimRef]) -> list[str]:
    """Ids of the claims whose value disagrees with an ``opposable`` claim's in the group, sorted.

    The same as testing ``agree`` on every opposable pair, in linear time: figures of
    different sources, then, within each source, figures attributed to different parties.
    """
    spans = [(r, b) for r in group if (b := _bounds(r)) is not None]
    out = _clash_across([(r, r.source, b) for r, b in spans])
    by_source: dict[str, list[tuple[ClaimRef, Any, tuple[float, float]]]] = defaultdict(list)
    for r, b in spans:
        who = party_of(r)
        if who:
            by_source[r.source].append((r, who, b))
    for items in by_source.values():
        out |= _clash_across(items)
    return sorted(out)


def _all_agree(group: Sequence[ClaimRef]) -> bool:
    """Whether every pair of claims agrees (``agree`` is True for each): on a line, intervals
    that meet pairwise share a point, so the highest start must not pass the lowest end."""
    bounds = [_bounds(r) for r in group]
    if any(b is None for b in bounds):
        return False
    return max(b[0] for b in bounds) <= min(b[1] for b in bounds)  # type: ignore[index]


def comparable(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two claims count the same thing in the same scope."""
    if a.doc == b.doc and a.claim.start == b.claim.start:
        return False
    if not (a.heads & b.heads):
        return False
    same_topic = bool(a.topic & b.topic) or (
        a.doc == b.doc and abs(a.claim.start - b.claim.start) <= NEAR
    )
    if not same_topic:
        return False
    if a.actors and b.actors and not (a.actors & b.actors):
        return False
    if a.outcomes and b.outcomes and not (a.outcomes & b.outcomes):
        return False
    if a.measure and b.measure and not _measure_the_same(a, b):
        return False
    return True


def _measure_the_same(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two amounts (prices, sizes, rates, percentages) measure one thing: they often
    measure different things of one topic (a 13- and a 16-inch model, the deals of one
    sale). What each measures, when the parse tells it ("the damage was put at $2 billion":
    damage), must be the same; else the words around the numbers must say so ("storm
    damage … $2 billion", "put the storm damage at $5 billion")."""
    wa, wb = _measured_head(a.claim), _measured_head(b.claim)
    if wa and wb:
        return wa == wb
    return len(a.scope & b.scope) >= MEASURE_SHARED


def _measured_head(claim: Claim) -> str | None:
    words = re.findall(r"[A-Za-z]+", claim.about or "")
    return head_of(words[-1]) if words else None


def _party(ref: ClaimRef, names: Mapping[str, str]) -> str:
    who = ref.claim.attributed_to.name if ref.claim.attributed_to else None
    return who or names.get(ref.doc) or ref.doc


def _value_text(ref: ClaimRef) -> str:
    c = ref.claim
    if c.value is None and c.low is not None and c.high is not None:
        value = f"{c.low:,.0f}–{c.high:,.0f}"
    else:
        value = f"{c.value:,.10g}" if c.value is not None else "?"
    q = f"{c.qualifier} " if c.qualifier else ""
    return q + value


def explain(refs: Sequence[ClaimRef], names: Mapping[str, str]) -> str:
    """One paragraph: each party's figure, then why the figures may differ."""
    parts = [f"{_party(r, names)}: {_value_text(r)}" for r in refs]
    reasons = []
    parties = {_party(r, names) for r in refs}
    if len(parties) > 1:
        reasons.append("different parties report different figures")
    whens = {r.when for r in refs if r.when}
    if len(whens) > 1:
        reasons.append("reported at different times (" + ", ".join(sorted(whens)) + ")")
    ranges = [r for r in refs if r.claim.value is None and r.claim.low is not None]
    if ranges:
        reasons.append("the ranges do not overlap")
    if not reasons:
        reasons.append("the same party gives different figures")
    return "; ".join(parts) + " — " + "; ".join(reasons) + "."


# -- building ------------------------------------------------------------------------------


def _topics(events: Sequence[Event]) -> dict[tuple[str, int], set[str]]:
    """(document, sentence start) → the timeline entries whose evidence it is."""
    topic: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ev in events:
        for x in ev.evidence:
            topic[(x.doc, x.start)].add(ev.id)
    return topic


def _kinds(index: EntityIndex) -> dict[str, Any]:
    return {e.id: keys.skeleton_bag(e.name) for e in index.entities if e.type in ("GPE", "NORP", "ORG")}


def _claim_refs(
    records: Iterable[AnnotatedDocument],
    index: EntityIndex,
    events: Sequence[Event],
    sources: Mapping[str, str],
    when: Mapping[str, str | None],
) -> list[ClaimRef]:
    topic, kinds = _topics(events), _kinds(index)
    return [
        ref for record in records
        for ref in _record_refs(record, index, topic, kinds, sources, when.get(record.document.id))
    ]


def _record_refs(
    record: AnnotatedDocument,
    index: EntityIndex,
    topic: Mapping[tuple[str, int], set[str]],
    kinds: Mapping[str, Any],
    sources: Mapping[str, str],
    when: str | None,
) -> list[ClaimRef]:
    """The comparable claims of one document."""
    doc = record.document
    starts = sorted({s.start for s in record.sentences})
    out = []
    for i, claim in enumerate(record.claims):
        if not isinstance(claim, Claim):
            continue
        key = unit_key(claim.unit)
        heads = frozenset({key}) if key else _context_heads(doc.text, claim)
        if not heads:
            continue
        s_start = max((s for s in starts if s <= claim.start), default=claim.start)
        events_here = topic.get((doc.id, s_start), set()) | topic.get((doc.id, claim.start), set())
        out.append(
            ClaimRef(
                claim_id(doc.id, i), doc.id, i, claim, heads, sources.get(doc.id, doc.id),
                frozenset(events_here), _actors(record, claim, index, kinds),
                _outcomes(doc.text, claim), when,
                _is_measure(claim.unit), _scope(doc.text, claim),
            )
        )
    return out


def _groups(refs: Sequence[ClaimRef]) -> Iterable[list[ClaimRef]]:
    """Comparable claims, blocked by counted thing, joined into groups."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(refs):
        for h in r.heads:
            for t in r.topic:
                blocks[(h, "event", t)].append(i)
            blocks[(h, "doc", r.doc, r.claim.start // NEAR)].append(i)
            blocks[(h, "doc", r.doc, r.claim.start // NEAR + 1)].append(i)
    uf: ConstrainedUnionFind[int, None] = ConstrainedUnionFind(
        {i: None for i in range(len(refs))}, compatible=lambda a, b: True, merge=lambda a, b: None
    )
    for members in blocks.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if comparable(refs[i], refs[j]):
                    uf.union(i, j)
    for group in uf.groups().values():
        if len(group) > 1:
            yield [refs[i] for i in group]


class ConflictFinder:
    """Quantity and statement conflicts between claims (and quotes), fed one record at a time.

    ``add`` keeps a document's comparable claims, the claim and quote ids of its sentences
    and the denials its own sentences contradict, not the record; ``finish`` compares.

    Args:
        index: resolved entities.
        sources: document id → source group.
        published: inferred publication dates.
        events: the timeline, whose entries tell which claims share a topic.
    """

    def __init__(
        self,
        index: EntityIndex,
        *,
        sources: Mapping[str, str],
        published: Mapping[str, Published],
        events: Sequence[Event] = (),
    ) -> None:
        self.index, self.sources, self.published, self.events = index, sources, published, events
        self.topic, self.kinds = _topics(events), _kinds(index)
        self.refs: list[ClaimRef] = []
        self.names: dict[str, str] = {}
        self.statements = _Statements()

    def add(self, record: AnnotatedDocument) -> None:
        doc = record.document
        when = (self.published.get(doc.id) or doc.published).value
        refs = _record_refs(record, self.index, self.topic, self.kinds, self.sources, when)
        if refs:
            self.names[doc.id] = _source_name(doc)
            self.refs.extend(refs)
        self.statements.add(record)

    def finish(self) -> tuple[Conflict, ...]:
        """The conflicts, sorted by id."""
        conflicts: list[Conflict] = []
        for group in _groups(self.refs):
            conflict = _quantity_conflict(group, self.names)
            if conflict is not None:
                conflicts.append(conflict)
        conflicts.extend(self.statements.finish(self.events))
        return tuple(sorted(conflicts, key=lambda c: c.id))


def find_conflicts(
    records: Iterable[AnnotatedDocument],
    index: EntityIndex,
    *,
    sources: Mapping[str, str],
    published: Mapping[str, Published],
    timexes: Mapping[str, tuple[Timex, ...]] | None = None,
    events: Sequence[Event] = (),
) -> tuple[Conflict, ...]:
    """Quantity and statement conflicts between claims (and quotes), sorted by id.

    Args:
        records: annotated documents.
        index: resolved entities.
        sources: document id → source group.
        published: inferred publication dates.
        timexes: re-anchored timexes (unused: reporting time is the document's date).
        events: the timeline, whose entries tell which claims share a topic.
    """
    finder = ConflictFinder(index, sources=sources, published=published, events=events)
    for record in sorted(records, key=lambda r: r.document.id):
        finder.add(record)
    return finder.finish()


def _source_name(doc: Document) -> str:
    """How an explanation names a source's own voice: its outlet, title, else its file name."""
    return doc.outlet or doc.title or PurePath(doc.path.split("?", 1)[0]).name or doc.id


def corroborations(records: Sequence[AnnotatedDocument], index: EntityIndex, events: Sequence[Event],
                   sources: Mapping[str, str]) -> list[tuple[str, ...]]:
    """Groups of claim ids from independent sources whose figures agree."""
    refs = _claim_refs(sorted(records, key=lambda r: r.document.id), index, events, sources, {})
    out = []
    for group in _groups(refs):
        if len({r.source for r in group}) > 1 and _all_agree(group):
            out.append(tuple(sorted(r.id for r in group)))
    return sorted(out)


def _quantity_conflict(group: Sequence[ClaimRef], names: Mapping[str, str]) -> Conflict | None:
    """A conflict from a group of comparable claims, if some pair of values disagrees."""
    clashing = _clashing(group)
    if not clashing:
        return None
    refs = [r for r in sorted(group, key=lambda r: (r.doc, r.index)) if r.id in clashing]
    head = sorted({h for r in refs for h in r.heads} & set.intersection(*(set(r.heads) for r in refs)) or
                  {h for r in refs for h in r.heads})[0]
    unit = next((r.claim.unit for r in refs if r.claim.unit), None) or head[0]
    about = next((r.claim.about for r in refs if r.claim.about and r.claim.unit and r.claim.about != unit), None)
    about = f"number of {unit}" + (f" ({about})" if about else "")
    return Conflict(
        id="cf-" + keys.short_hash(*clashing),
        about=about,
        kind="quantity",
        claims=tuple(r.id for r in refs),
        explanation=explain(refs, names),
    )


class _Statements:
    """Denials contradicted in their own sentence or by another source's report.

    1. A sentence says it contradicts a statement ("…, contradicting the ministry's statement
       that '[n]ot a single piece … was left behind'"): the quoted denial and the claims of
       that sentence conflict.
    2. A quote or claim that denies, in a timeline entry that another source reports
       without denial: the denial and the other source's claims/quotes conflict.
    """

    def __init__(self) -> None:
        self.out: list[Conflict] = []
        self.docs: set[str] = set()
        self.items: dict[tuple[str, int], list[str]] = defaultdict(list)
        """(document, sentence start) → the ids of the quotes and claims in that sentence."""

    def add(self, record: AnnotatedDocument) -> None:
        doc_id = record.document.id
        self.docs.add(doc_id)
        items = self.items
        sentences = sorted(record.sentences, key=lambda s: s.start)
        for qi, quote in enumerate(record.quotes):
            if not isinstance(quote, Quote):
                continue
            sentence = next((s for s in sentences if s.start <= quote.start < s.end), None)
            if sentence is None:
                continue
            items[(doc_id, sentence.start)].append(quote_id(doc_id, qi))
            if _denies(quote.text) and _CONTRADICT.search(
                record.document.text[sentence.start : quote.start]
            ):
                ids = [quote_id(doc_id, qi)] + [
                    claim_id(doc_id, ci) for ci, c in enumerate(record.claims)
                    if isinstance(c, Claim) and sentence.start <= c.start < sentence.end
                ]
                self.out.append(_statement(ids, f"denial contradicted: {_short(quote.text)}",
                                           f"The sentence reports evidence contradicting the statement "
                                           f"'{_short(quote.text)}'."))
        for ci, claim in enumerate(record.claims):
            if isinstance(claim, Claim):
                sentence = next((s for s in sentences if s.start <= claim.start < s.end), None)
                if sentence is not None:
                    items[(doc_id, sentence.start)].append(claim_id(doc_id, ci))

    def finish(self, events: Sequence[Event]) -> list[Conflict]:
        out, items = list(self.out), self.items
        for event in events:
            docs = {x.doc for x in event.evidence}
            if len(docs) < 2:
                continue
            denying = [x for x in event.evidence
                       if _denies(x.text, strong=True) and items.get((x.doc, x.start))]
            affirming = [x for x in event.evidence if not _denies(x.text) and items.get((x.doc, x.start))]
            for d in denying:
                stems = keys.content_stems(d.text)
                others = [a for a in affirming if a.doc != d.doc and a.doc in self.docs
                          and _overlap(stems, keys.content_stems(a.text)) >= STATEMENT_OVERLAP]
                if not others:
                    continue
                ids = sorted(set(items[(d.doc, d.start)])
                             | {i for a in others for i in items[(a.doc, a.start)]})
                out.append(_statement(ids, f"denied in one source, reported in another: {event.summary[:80]}",
                                      f"'{_short(d.text)}' denies what other sources report about the "
                                      f"same event ({event.date.value})."))
        uniq = {c.id: c for c in out}
        return list(uniq.values())


def statement_conflicts(records: Iterable[AnnotatedDocument], events: Sequence[Event]) -> list[Conflict]:
    """Denials contradicted in their own sentence or by another source's report (``_Statements``)."""
    statements = _Statements()
    for record in records:
        statements.add(record)
    return statements.finish(events)


def _denies(text: str, *, strong: bool = False) -> bool:
    """Whether a text denies something (editorial brackets removed: "[n]ot a single")."""
    return bool((_DENIAL_STRONG if strong else _DENIAL).search(re.sub(r"[\[\]]", "", text)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient of two stem sets."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _statement(ids: Sequence[str], about: str, explanation: str) -> Conflict:
    ids = sorted(set(ids))
    return Conflict("cf-" + keys.short_hash("statement", *ids), about, "statement", tuple(ids), explanation)


def _short(text: str, limit: int = 120) -> str:
    line = re.sub(r"\s+", " ", text).strip()
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
