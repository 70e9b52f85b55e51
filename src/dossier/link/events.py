"""Event mentions and their clustering into timeline entries.

Every sentence carrying a resolved calendar date (a DATE/TIME timex whose value is a day,
month, year, time or an interval of them) yields an *event mention*: its date and
precision, participants (the entities mentioned), place and content words. Sentences
without a date of their own take the date of the narrative around them (the last dated
sentence shortly before, in news the publication date); such *narrative* mentions never
open a timeline entry alone: they join an entry with a dated mention, or two of them from
independent sources corroborate each other.

Clustering: candidates share a date bucket (month) and a feature (an entity key or a
content stem); postings too long for a full comparison are compared by sorted
neighbourhood, so the cost stays about linear in the number of mentions. Pairs with
compatible dates and enough shared participants and wording are joined in a union-find
that refuses to put two different days into one entry.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from dossier.link import keys
from dossier.link.entities import EntityIndex
from dossier.link.unionfind import ConstrainedUnionFind
from dossier.models import (
    AnnotatedDocument,
    Entity,
    Event,
    EventDate,
    Evidence,
    LinkResult,
    Predicate,
    Published,
    Sentence,
    Timex,
    event_order,
)
from dossier.models import EventMention as EventMention_

#: Similarity two dated mentions need to be one event (0–1; half participants, half
#: wording, Dice coefficients). Tuned on the seeds' cross-source pairs, which score 0.22–0.45
#: while unrelated same-day sentences of one article mostly score below 0.2.
JOIN = 0.22

#: Similarity a narrative-dated mention needs to join an entry (stricter: its date is a guess).
JOIN_NARRATIVE = 0.4

#: Similarity an undated sentence needs to join an entry that another source dates.
JOIN_FLOATING = 0.4

#: Years either side of its document's dated sentences an undated sentence may be attached
#: to an entry at.
FLOATING_YEARS = 1

#: Entries an undated sentence is compared with (those sharing the most features).
ATTACH_CANDIDATES = 20

#: Sentences back to look for a narrative date (within one paragraph-sized window).
NARRATIVE_WINDOW = 3

#: A posting list longer than this is compared by sorted neighbourhood (each mention with
#: the next ``NEIGHBOURS`` in date order) instead of all pairs.
MAX_POSTING = 32
NEIGHBOURS = 10

#: Candidates each mention keeps (those sharing the most features with it).
MAX_CANDIDATES = 24

#: Longest summary, in characters.
SUMMARY_CHARS = 200

#: Words right before a timex that make it a bound of a period, not the event's date.
_BOUND_WORDS = re.compile(r"(?:since|until|till|through|from|by|before|as of)\s+(?:the\s+)?$", re.I)

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}:\d{2}|MO|AF|EV|NI|DT)\S*)?)?)?$")

#: Precision ranks, finer first.
_RANK = {"time": 0, "day": 1, "interval": 2, "month": 3, "year": 4, "floating": 9}


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence reporting something on a date."""

    doc: str
    sentence: Sentence
    value: str
    precision: str
    narrative: bool
    """The date comes from the surrounding narrative, not from the sentence itself."""
    entities: tuple[str, ...]
    entity_keys: frozenset[str]
    stems: frozenset[str]
    source: str
    years: tuple[int, int] | None = None
    """For an undated sentence: the years its document's dated sentences span, if any."""

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.doc, self.sentence.start, self.sentence.end, self.value)


# -- dates ---------------------------------------------------------------------------------


def parse_value(value: str | None) -> tuple[str, str] | None:
    """A TIMEX3 value as (calendar value, precision), or None when it is not a date.

    ``2022-11-11`` → day, ``2022-11`` → month, ``2022`` → year, ``2022-11-11T03:00`` →
    time, ``2022-11-09/2022-11-11`` → interval. Durations, references (``PAST_REF``),
    weeks, seasons and centuries are not event dates.
    """
    if not value:
        return None
    value = value.strip()
    if "/" in value:
        lo, _, hi = value.partition("/")
        if parse_value(lo) and parse_value(hi):
            return f"{lo}/{hi}", "interval"
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    if m.group(4) and ":" in m.group(4):
        return value[:16], "time"
    if m.group(4):
        return value[:10], "day"
    if m.group(3):
        return value, "day"
    if m.group(2):
        return value, "month"
    return value, "year"


def _bounds(value: str) -> tuple[str, str]:
    """(first, last) calendar strings a value covers, comparable as strings."""
    if "/" in value:
        lo, hi = value.split("/", 1)
        return _bounds(lo)[0], _bounds(hi)[1]
    day = value[:10]
    return day, day + "\uffff"


def dates_compatible(a: str, b: str) -> bool:
    """Whether two date values may describe one event: equal, nested or overlapping.

    A floating (empty) value is compatible with every date.
    """
    if not a or not b:
        return True
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    return alo <= bhi and blo <= ahi


def _finest(values: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The most precise (value, precision), the most common one on ties, then the smallest."""
    counts = Counter(values)
    return min(counts, key=lambda vp: (_RANK[vp[1]] if vp[1] != "time" else _RANK["day"], -counts[vp], vp[0]))


def _bucket(value: str) -> str:
    """The blocking bucket of a date value: its month, or its year."""
    first = value.split("/", 1)[0]
    return first[:7]


# -- mentions ------------------------------------------------------------------------------

#: The date of a sentence that nothing dates: it may only join an entry another source dates.
FLOATING = ("", "floating")

#: Fewest content words a sentence needs to report an event (headings and captions have fewer).
MIN_STEMS = 4


def is_statement(text: str) -> bool:
    """Whether a sentence reads as a statement, not a heading, caption or list item."""
    stripped = text.strip()
    words = stripped.split()
    if len(words) < 5:
        return False
    return stripped[-1:] in ".!?\"'”’)" or len(words) >= 12


def _inside_name(t: Timex, names: Sequence[tuple[int, int]]) -> bool:
    """Whether a timex is part of a name ("the 2022 Russian invasion of Ukraine")."""
    return any(s <= t.start and t.end <= e and (s, e) != (t.start, t.end) for s, e in names)



def _sentence_dates(
    text: str, sentence: Sentence, timexes: Sequence[Timex], *, allow_bounds: bool = True
) -> list[tuple[str, str]]:
    """The dates a sentence reports on, in text order.

    Every distinct calendar value counts, except one that merely contains a finer value of
    the same sentence ("late February" next to "24 February"). A timex after "since",
    "until", "by" … bounds a period rather than dating an event; it is used only when
    ``allow_bounds`` (no narrative date to fall back on) and nothing else dates the sentence.
    """
    free: list[tuple[str, str]] = []
    bounded: list[tuple[str, str]] = []
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        parsed = parse_value(t.value)
        if parsed is None:
            continue
        bound = bool(_BOUND_WORDS.search(text[sentence.start : t.start][-20:]))
        (bounded if bound else free).append(parsed)
    chosen = free or (bounded[:1] if allow_bounds else [])
    out: list[tuple[str, str]] = []
    for value, precision in dict.fromkeys(chosen):
        finer = any(
            v != value and _RANK[p] < _RANK[precision] and dates_compatible(v, value)
            for v, p in chosen
        )
        if not finer:
            out.append((value, precision))
    return out


def extract_mentions(
    record: AnnotatedDocument,
    timexes: Sequence[Timex],
    index: EntityIndex,
    entity_keys: Mapping[str, frozenset[str]],
    source: str,
    published: Published | None,
) -> list[EventMention]:
    """The event mentions of one document, dated or narrative-dated.

    Args:
        record: the annotated document.
        timexes: its timexes (re-anchored ones where the link stage has them).
        index: resolved entities.
        entity_keys: entity id → its participant keys (skeletons of its name's tokens).
        source: the document's source group.
        published: the document's publication date, if known.
    """
    doc = record.document
    starts = [t.start for t in timexes]
    out: list[EventMention] = []
    last_dated: tuple[int, tuple[str, str]] | None = None
    dct = parse_value(published.value) if published and published.value else None
    names = [(s, e) for s, e, _ in index.by_doc.get(doc.id, ())]
    for i, sentence in enumerate(record.sentences):
        if not is_statement(sentence.text):
            continue
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        inside = [t for t in timexes[lo:hi] if t.end <= sentence.end and not _inside_name(t, names)]
        recent = last_dated is not None and i - last_dated[0] <= NARRATIVE_WINDOW
        dates = _sentence_dates(doc.text, sentence, inside, allow_bounds=not recent)
        narrative = False
        if dates:
            last_dated = (i, dates[0])
        elif last_dated is not None and recent:
            dates, narrative = [last_dated[1]], True
        elif dct is not None and doc.kind == "news":
            dates, narrative = [dct], True
        if not dates:
            dates, narrative = [FLOATING], True
        entities = tuple(dict.fromkeys(index.in_span(doc.id, sentence.start, sentence.end)))
        stems = keys.content_stems(sentence.text)
        if len(stems) < MIN_STEMS:
            continue
        ekeys = frozenset(k for e in entities for k in entity_keys.get(e, ()))
        for value, precision in dates:
            out.append(EventMention(doc.id, sentence, value, precision, narrative, entities, ekeys, stems, source))
    years = sorted({_year(m.value) for m in out if m.precision != "floating"})
    if years:  # an undated sentence is about the time its document tells of, give or take
        out = [replace(m, years=(years[0], years[-1])) if m.precision == "floating" else m for m in out]
    return out


def _year(value: str) -> int:
    return int(value[:4])


def _in_years(group: Sequence[EventMention], years: tuple[int, int] | None) -> bool:
    """Whether an entry's date lies within a document's years, one year either side."""
    if years is None:
        return True
    lo, hi = years[0] - FLOATING_YEARS, years[1] + FLOATING_YEARS
    return any(m.precision != "floating" and lo <= _year(m.value) <= hi for m in group)


# -- similarity and clustering -------------------------------------------------------------


class Weights:
    """Inverse document frequencies of features over all event mentions.

    Held as fixed-point integers (``FIXED`` units per 1.0): sums of integers are exact, so a
    set's weight does not depend on the order it is walked in (which changes with each
    process's string hashing), and they cost less than ``math.fsum`` over floats.
    """

    FIXED = 1 << 32

    def __init__(self, mentions: Sequence[EventMention]) -> None:
        df: Counter[str] = Counter()
        for m in mentions:
            df.update(_features(m))
        self.df = df
        n = max(len(mentions), 1)
        self._set({f: math.log(1 + n / c) for f, c in df.items()}, math.log(1 + n))

    @classmethod
    def from_idf(cls, idf: Mapping[str, float], default: float) -> Weights:
        """Weights from given IDF values (``"prefix:item"`` keys), e.g. for tests."""
        w = cls([])
        w._set(idf, default)
        return w

    def _set(self, idf: Mapping[str, float], default: float) -> None:
        self._tables: dict[str, dict[str, int]] = defaultdict(dict)
        for feature, value in idf.items():
            prefix, _, item = feature.partition(":")
            self._tables[prefix + ":"][item] = round(value * self.FIXED)
        self._default = round(default * self.FIXED)
        self._masses: dict[tuple[str, frozenset[str]], int] = {}

    def table(self, prefix: str) -> dict[str, int]:
        """Fixed-point IDF of the items of one kind of feature (``"e:"`` or ``"w:"``)."""
        return self._tables[prefix]

    def mass(self, prefix: str, items: frozenset[str]) -> int:
        """Summed fixed-point IDF of a feature set (memoised: each mention's sets recur in many pairs)."""
        key = (prefix, items)
        got = self._masses.get(key)
        if got is None:
            table, default = self._tables[prefix], self._default
            got = self._masses[key] = sum(table.get(x, default) for x in items)
        return got


def _weighted(prefix: str, a: frozenset[str], b: frozenset[str], w: Weights) -> tuple[float, float]:
    """(Dice, overlap coefficient) of two sets, IDF-weighted."""
    if not a or not b:
        return 0.0, 0.0
    common = a & b
    if not common:
        return 0.0, 0.0
    table, default = w.table(prefix), w._default
    shared = sum(table.get(x, default) for x in common)
    ma, mb = w.mass(prefix, a), w.mass(prefix, b)
    return 2 * shared / (ma + mb), shared / min(ma, mb)


def similarity(a: EventMention, b: EventMention, w: Weights) -> float:
    """How alike two event mentions are (0–1): shared participants and wording, IDF-weighted.

    The mean of Dice and overlap coefficient keeps a short sentence ("The army entered the
    city on 11 November.") comparable with a long one reporting the same thing.
    """
    if not dates_compatible(a.value, b.value):
        return 0.0
    ed, eo = _weighted("e:", a.entity_keys, b.entity_keys, w)
    wd, wo = _weighted("w:", a.stems, b.stems, w)
    return 0.4 * (ed + eo) / 2 + 0.6 * (wd + wo) / 2


def _features(m: EventMention) -> set[str]:
    return {"e:" + k for k in m.entity_keys} | {"w:" + s for s in m.stems}


def candidate_pairs(mentions: Sequence[EventMention], w: Weights | None = None) -> set[tuple[int, int]]:
    """Index pairs sharing a date bucket and a feature two mentions or more carry.

    Posting lists are kept in date order; one longer than ``MAX_POSTING`` contributes only
    each mention's ``NEIGHBOURS`` nearest in date order. Each mention then keeps the
    ``MAX_CANDIDATES`` candidates sharing the most features with it, so the work is linear
    in the number of mentions however dense the corpus is.
    """
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].value, mentions[i].key))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in order:
        m = mentions[i]
        for f in _features(m):
            if w is None or w.df[f] > 1:
                postings[(_bucket(m.value), f)].append(i)
    shared: dict[int, Counter[int]] = defaultdict(Counter)
    for plist in postings.values():
        n = len(plist)
        if n < 2:
            continue
        window = n if n <= MAX_POSTING else NEIGHBOURS
        for k, a in enumerate(plist):
            for b in plist[k + 1 : k + 1 + window]:
                shared[a][b] += 1
                shared[b][a] += 1
    pairs: set[tuple[int, int]] = set()
    for a, counts in shared.items():
        best = sorted(counts, key=lambda b: (-counts[b], b))[:MAX_CANDIDATES]
        pairs.update((min(a, b), max(a, b)) for b in best)
    return pairs


def _dates_state_ok(a: frozenset[str], b: frozenset[str]) -> bool:
    merged = a | b
    return all(dates_compatible(x, y) for x in merged for y in merged)


def cluster(mentions: Sequence[EventMention]) -> list[list[EventMention]]:
    """Group event mentions into events (deterministic for a given set of mentions).

    Agglomerative, strongest pair first, with average linkage: two groups join only when
    their mean pairwise similarity (pairs never compared count as 0) reaches the threshold
    and their dates stay compatible. Average linkage stops the chaining that single links
    produce among the many same-day sentences of one article.
    """
    weights = Weights(mentions)
    ordered = sorted((m for m in mentions if m.precision != "floating"), key=lambda m: m.key)
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    scored = []
    for i, j in sorted(candidate_pairs(ordered, weights)):
        a, b = ordered[i], ordered[j]
        if a.key[:3] == b.key[:3]:
            continue
        score = similarity(a, b, weights)
        if score <= 0:
            continue
        adj[i][j] = adj[j][i] = score
        if score >= _need(a, b):
            scored.append((-score, a.key, b.key, i, j))
    uf: ConstrainedUnionFind[int, frozenset[str]] = ConstrainedUnionFind(
        {i: frozenset({m.value}) for i, m in enumerate(ordered)},
        compatible=_dates_state_ok, merge=lambda x, y: x | y,
    )
    members: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    dated: dict[int, bool] = {i: not m.narrative for i, m in enumerate(ordered)}
    label = list(range(len(ordered)))
    refused: set[tuple[int, int, int, int]] = set()
    for _s, _ka, _kb, i, j in sorted(scored):
        ri, rj = label[i], label[j]
        if ri == rj:
            continue
        state = (ri, rj, len(members[ri]), len(members[rj]))
        if state in refused:
            continue  # neither group changed since they were last found too far apart
        small, large = (ri, rj) if len(members[ri]) <= len(members[rj]) else (rj, ri)
        total = sum(s for x in members[small] for y, s in adj[x].items() if label[y] == large)
        need = JOIN if (dated[ri] and dated[rj]) else JOIN_NARRATIVE
        if total / (len(members[ri]) * len(members[rj])) < need:
            refused.add(state)
            continue
        if uf.union(i, j):  # the union-find keeps the groups' dates compatible
            for x in members[small]:
                label[x] = large
            members[large].extend(members.pop(small))
            dated[large] = dated[large] or dated.pop(small)
    groups = [[ordered[i] for i in sorted(group)] for _, group in sorted(members.items())]
    floating = sorted((m for m in mentions if m.precision == "floating"), key=lambda m: m.key)
    _attach(floating, groups, weights)
    return [g for g in groups if _keeps(g)]


def _attach(floating: Sequence[EventMention], groups: list[list[EventMention]], w: Weights) -> None:
    """Add each undated sentence to the entry of another source it matches best, if any.

    Candidate entries share a feature with the sentence (features carried by more than
    ``MAX_POSTING`` entries are skipped, as stop words are).
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for gi, group in enumerate(groups):
        for f in sorted(set().union(*(_features(m) for m in group))):
            postings[f].append(gi)
    # a group's members that look alike to ``similarity`` (same date, names and words: wire
    # copies, republished sentences) are compared once, with the sources that carry them
    distinct: list[list[tuple[EventMention, frozenset[str]]]] = []
    for group in groups:
        alike: dict[tuple, tuple[EventMention, set[str]]] = {}
        for x in group:
            alike.setdefault((x.value, x.entity_keys, x.stems), (x, set()))[1].add(x.source)
        distinct.append([(x, frozenset(srcs)) for x, srcs in alike.values()])
    additions: dict[int, list[EventMention]] = defaultdict(list)
    # undated sentences alike to ``similarity`` (a paragraph republished in many documents)
    # share their candidate entries and their scores, computed once
    seen: dict[tuple, list[tuple[int, dict[int, float]]]] = {}
    for m in floating:
        alike_key = (m.value, m.entity_keys, m.stems, m.years)
        entries = seen.get(alike_key)
        if entries is None:
            shared: Counter[int] = Counter()
            for f in _features(m):
                plist = postings.get(f, ())
                if len(plist) <= MAX_POSTING:
                    shared.update(plist)
            cands = sorted(shared, key=lambda gi: (-shared[gi], gi))[:ATTACH_CANDIDATES]
            entries = seen[alike_key] = [(gi, {}) for gi in sorted(cands) if _in_years(groups[gi], m.years)]
        best: tuple[float, int] | None = None
        for gi, scores in entries:
            others = [k for k, (_, srcs) in enumerate(distinct[gi]) if srcs != {m.source}]
            if not others:
                continue
            for k in others:
                if k not in scores:
                    scores[k] = similarity(m, distinct[gi][k][0], w)
            score = max(scores[k] for k in others)
            if score >= JOIN_FLOATING and (best is None or score > best[0]):
                best = (score, gi)
        if best is not None:
            additions[best[1]].append(m)
    for gi, extra in additions.items():
        groups[gi].extend(extra)


def _need(a: EventMention, b: EventMention) -> float:
    """The similarity two mentions need: stricter when a date is only narrative."""
    return JOIN_NARRATIVE if (a.narrative or b.narrative) else JOIN


def _keeps(group: Sequence[EventMention]) -> bool:
    """A group is an event if a sentence dates it, or independent sources agree on it."""
    if any(not m.narrative for m in group):
        return True
    return len({m.source for m in group}) >= 2


# -- building events -----------------------------------------------------------------------


def summary_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    """One line from a sentence: markup and whitespace folded, cut at a word boundary."""
    line = re.sub(r"[*_#`|]+", "", text)
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _best(group: Sequence[EventMention]) -> EventMention:
    """The mention whose sentence best summarises the event."""
    counts = Counter(s for m in group for s in m.stems)

    def score(m: EventMention) -> tuple:
        central = sum(counts[s] for s in m.stems) / (len(m.stems) or 1)
        length = len(m.sentence.text)
        fits = 40 <= length <= 260
        return (not m.narrative, fits, central + 0.3 * len(m.entities), -length, m.key)

    return max(group, key=score)


_PLACE_TYPES = ("GPE", "LOC", "FAC")
_FEATURE_RANK = {"city": 0, "town": 0, "village": 0, "building": 0, "bridge": 0, "river": 2,
                 "region": 3, "country": 4}


def _place(group: Sequence[EventMention], entities: Mapping[str, Entity]) -> str | None:
    """The entry's place: the most specific, most mentioned place entity of its sentences."""
    counts = Counter(e for m in group for e in m.entities if e in entities and entities[e].type in _PLACE_TYPES)
    if not counts:
        return None

    def rank(eid: str) -> tuple:
        ent = entities[eid]
        feature = _FEATURE_RANK.get(ent.geo.feature, 1) if ent.geo else (1 if ent.type == "FAC" else 2)
        return (feature, -counts[eid], eid)

    return min(counts, key=rank)


def participant_keys(entity: Entity) -> frozenset[str]:
    """Keys an entity contributes to a sentence: skeletons of its name's stemmed tokens, so
    that "Ukrainian" meets "Ukraine" and "Armed Forces of Ukraine" meets both."""
    toks = keys.core_tokens(entity.name)
    return frozenset(keys.skeleton(keys.stem_name_token(t)) for t in toks if len(t) > 2) or frozenset({entity.id})


def build_event(group: Sequence[EventMention], entities: Mapping[str, Entity]) -> Event:
    """One timeline entry from a cluster of mentions."""
    dated = [m for m in group if not m.narrative] or list(group)
    value, precision = _finest((m.value, m.precision) for m in dated)
    best = _best(group)
    members = sorted(group, key=lambda m: m.key)
    evidence = tuple(
        Evidence(m.doc, m.sentence.start, m.sentence.end, m.sentence.text)
        for m in members
    )
    place = _place(group, entities)
    counts = Counter(e for m in group for e in m.entities)
    participants = tuple(sorted((e for e in counts if e != place), key=lambda e: (-counts[e], e)))
    # a sentence with two dates gives a mention in two clusters: the date keeps their ids apart
    eid = "ev-" + keys.short_hash(*(f"{m.doc}:{m.sentence.start}:{m.value}" for m in members))
    return Event(
        id=eid,
        date=EventDate(value, precision),
        summary=summary_line(best.sentence.text),
        evidence=evidence,
        sources=len({m.source for m in group}),
        place=place,
        participants=participants,
    )


class Timeline:
    """The timeline's clustering, fed one record at a time.

    ``add`` keeps only the document's event mentions (its statement sentences with their
    dates, participants and places), not the record; ``finish`` clusters them.

    Args:
        index: resolved entities.
        sources: document id → source group (near-copies share one).
        published: publication dates the link stage inferred, by document id.
    """

    def __init__(
        self, index: EntityIndex, *, sources: Mapping[str, str], published: Mapping[str, Published]
    ) -> None:
        self.index = index
        self.sources = sources
        self.published = published
        self.entities = {e.id: e for e in index.entities}
        self.entity_keys = {e.id: participant_keys(e) for e in self.entities.values()}
        self.mentions: list[EventMention] = []

    def add(self, record: AnnotatedDocument, timexes: Sequence[Timex] | None = None) -> None:
        """Add a document; ``timexes`` are its re-anchored ones (else its own)."""
        doc = record.document
        own = record.timexes if timexes is None else timexes
        ordered = tuple(sorted((t for t in own if isinstance(t, Timex)), key=lambda t: (t.start, t.end)))
        dct = self.published.get(doc.id) or (doc.published if doc.published.value else None)
        source = self.sources.get(doc.id, doc.id)
        self.mentions.extend(extract_mentions(record, ordered, self.index, self.entity_keys, source, dct))

    def finish(self) -> tuple[Event, ...]:
        """One ``Event`` per cluster of event mentions, sorted by date."""
        events = [build_event(g, self.entities) for g in cluster(self.mentions)]
        self.mentions = []
        events.sort(key=event_order)
        return tuple(events)


def cluster_events(
    records: Iterable[AnnotatedDocument],
    index: EntityIndex,
    *,
    timexes: Mapping[str, tuple[Timex, ...]],
    sources: Mapping[str, str],
    published: Mapping[str, Published],
) -> tuple[Event, ...]:
    """The timeline: one ``Event`` per cluster of event mentions, sorted by date.

    Args:
        records: annotated documents.
        index: resolved entities.
        timexes: re-anchored timexes by document id (used instead of the record's own).
        sources: document id → source group (near-copies share one).
        published: publication dates the link stage inferred, by document id.
    """
    timeline = Timeline(index, sources=sources, published=published)
    for record in sorted(records, key=lambda r: r.document.id):
        timeline.add(record, timexes.get(record.document.id))
    return timeline.finish()


# -- predicate-level event mentions ---------------------------------------------------------

#: Pronouns that refer back to a named participant, and the entity types they can refer to.
_PRONOUNS: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",),
    "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE", "LOC", "FAC", "OTHER", "EVENT"),
    "its": ("ORG", "GPE", "LOC", "FAC", "OTHER", "EVENT"),
    "they": ("ORG", "NORP", "GPE"), "their": ("ORG", "NORP", "GPE"), "them": ("ORG", "NORP", "GPE"),
}

#: Sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW = 4


def _mention_date(value: str, precision: str) -> EventDate:
    return EventDate(value, precision)


class _DocView:
    """One document's entity mentions, timexes and sentences, for predicate mentions."""

    def __init__(self, record: AnnotatedDocument, result_entities: Mapping[str, Entity],
                 spans: Sequence[tuple[int, int, str]], timexes: Sequence[Timex]) -> None:
        self.record = record
        self.entities = result_entities
        self.spans = sorted(spans)
        self.span_starts = [s for s, _e, _id in self.spans]
        self.timexes = [t for t in timexes if t.type in ("DATE", "TIME") and parse_value(t.value)]
        self.sent_starts = [s.start for s in record.sentences]

    def sentence_of(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        if i < 0:
            return None
        s = self.record.sentences[i]
        return s if offset < s.end else None

    def entities_in(self, start: int, end: int) -> list[str]:
        lo = bisect.bisect_left(self.span_starts, start)
        out = []
        for s, e, eid in self.spans[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append(eid)
        return out

    def spans_from(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Entity mentions starting inside ``[start, end)``."""
        lo = bisect.bisect_left(self.span_starts, start)
        hi = bisect.bisect_left(self.span_starts, end)
        return self.spans[lo:hi]

    def antecedent(self, pronoun: str, before: int) -> str | None:
        """The nearest earlier entity a pronoun can refer to (same sentence or a few back)."""
        types = _PRONOUNS.get(pronoun.lower())
        if not types:
            return None
        i = bisect.bisect_right(self.sent_starts, before) - 1
        floor = self.record.sentences[max(0, i - PRONOUN_WINDOW)].start if i >= 0 else 0
        hi = bisect.bisect_left(self.span_starts, before)
        for s, _e, eid in reversed(self.spans[:hi]):
            if s < floor:
                break
            ent = self.entities.get(eid)
            if ent is None or ent.type in types:  # a followed name (no entity) fits any pronoun
                return eid
        return None


def _participants(view: _DocView, pred: Predicate) -> tuple[str, ...]:
    found: list[str] = []
    for arg in pred.args:
        # the phrase up to its head: "Apple's chief" holds Apple, "the text of Jobs's email"
        # does not hold Jobs (a name that starts there and runs on, "Bank of America", counts)
        upto = arg.head_end if arg.head_end is not None else arg.end
        inside = [eid for s, e, eid in view.spans_from(arg.start, upto) if e <= max(upto, arg.end)]
        if not inside and arg.head_start is not None and arg.head_end is not None:
            ref = view.antecedent(view.record.document.text[arg.head_start:arg.head_end], arg.head_start)
            inside = [ref] if ref else []
        found.extend(inside)
    return tuple(dict.fromkeys(found))


def _innermost(preds: Sequence[Predicate], start: int, end: int) -> int | None:
    """Index of the predicate with the smallest clause containing ``[start, end)``."""
    best: tuple[int, int] | None = None
    for i, p in enumerate(preds):
        cs, ce = p.clause_start, p.clause_end
        if cs is None or ce is None or not (cs <= start and end <= ce):
            continue
        if best is None or ce - cs < best[0]:
            best = (ce - cs, i)
    return None if best is None else best[1]


def _sentence_predicate_dates(
    text: str, sentence: Sentence, preds: Sequence[Predicate], timexes: Sequence[Timex],
    dct: tuple[str, str] | None, story: tuple[str, str] | None = None,
) -> list[tuple[tuple[str, str] | None, str]]:
    """(date, basis) of each predicate of one sentence.

    A time expression dates the predicate whose clause is the smallest one containing it;
    a predicate without one takes the date of the nearest enclosing clause that has one.
    Else a verb in the past tense takes the date of the story (``story``: the day the
    article's news happened, when it names one shortly before its own date) or the
    document's date, and a verb in the present tense the document's date. A noun, a
    participle or an infinitive takes the date of the verb it depends on; a future or modal
    verb stays undated.
    """
    direct: dict[int, tuple[str, str]] = {}
    for t in timexes:
        parsed = parse_value(t.value)
        if parsed is None:
            continue
        if _BOUND_WORDS.search(text[sentence.start : t.start][-20:]):
            continue
        i = _innermost(preds, t.start, t.end)
        if i is not None and i not in direct:
            direct[i] = parsed

    def size(j: int) -> int:
        return (preds[j].clause_end or 0) - (preds[j].clause_start or 0)

    def enclosing(i: int) -> list[int]:
        p = preds[i]
        if p.clause_start is None or p.clause_end is None:
            return []
        return sorted(
            (j for j, q in enumerate(preds)
             if j != i and q.clause_start is not None and q.clause_end is not None
             and q.clause_start <= p.clause_start and p.clause_end <= q.clause_end and size(j) > size(i)),
            key=size,
        )

    out: list[tuple[tuple[str, str] | None, str]] = [(None, "none")] * len(preds)
    for i in sorted(range(len(preds)), key=lambda j: -size(j)):  # enclosing clauses first
        p = preds[i]
        if i in direct:
            out[i] = (direct[i], "timex")
            continue
        around = enclosing(i)
        inherited = next((direct[j] for j in around if j in direct), None)
        if inherited is not None and p.tense != "future":
            out[i] = (inherited, "timex")
        elif p.pos == "VERB" and p.tense == "past" and (story or dct) is not None:
            out[i] = (story or dct, "story" if story else "tense")
        elif p.pos == "VERB" and p.tense == "present" and dct is not None:
            out[i] = (dct, "tense")
        elif p.tense is None:
            verb = next((j for j in around if preds[j].pos == "VERB"), None)
            if verb is not None and preds[verb].tense in ("past", "present"):
                out[i] = out[verb]
    return out


def _story_date(timexes: Sequence[Timex], dct: tuple[str, str] | None) -> tuple[str, str] | None:
    """The day an article's news happened: its first day-precise date in the week before its own."""
    if dct is None or dct[1] not in ("day", "time"):
        return None
    day = dct[0][:10]
    for t in timexes:
        parsed = parse_value(t.value)
        if parsed is None or parsed[1] not in ("day", "time"):
            continue
        value = parsed[0][:10]
        if value < day and _days_between(value, day) <= STORY_DAYS:
            return (value, "day")
    return None


def _days_between(a: str, b: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return 1 << 30


#: How many days before its publication an article's story date may lie.
STORY_DAYS = 7


def predicate_mentions(
    record: AnnotatedDocument,
    entities: Mapping[str, Entity],
    spans: Sequence[tuple[int, int, str]],
    timexes: Sequence[Timex],
    published: Published | None,
) -> list[EventMention_]:
    """The predicate-level event mentions of one document (unclustered).

    Args:
        record: the annotated document, with its ``predicates``.
        entities: resolved entities by id.
        spans: (start, end, entity id) of this document's entity mentions.
        timexes: its timexes (re-anchored ones where the link stage has them).
        published: its publication date, if known.
    """
    doc = record.document
    view = _DocView(record, entities, spans, timexes)
    dct = parse_value(published.value) if published and published.value else None
    by_sentence: dict[int, list[Predicate]] = defaultdict(list)
    for p in record.predicates:
        s = view.sentence_of(p.start)
        if s is not None:
            by_sentence[s.start].append(p)
    tstarts = [t.start for t in view.timexes]
    story = _story_date(view.timexes, dct)
    out: list[EventMention_] = []
    # a document's many mentions share their sentence's span, their dates and the words'
    # strings (interned), rather than each holding copies: all of them are held at once
    shared_dates: dict[tuple[str, str], EventDate] = {}
    for sentence in record.sentences:
        preds = by_sentence.get(sentence.start)
        if not preds:
            continue
        heading = not is_statement(sentence.text)
        span = (sentence.start, sentence.end)
        lo, hi = bisect.bisect_left(tstarts, sentence.start), bisect.bisect_left(tstarts, sentence.end)
        inside = [t for t in view.timexes[lo:hi] if t.end <= sentence.end]
        dates = _sentence_predicate_dates(doc.text, sentence, preds, inside, dct, story)
        for p, (date, basis) in zip(preds, dates, strict=True):
            participants = _participants(view, p)
            places = [e for e in participants if e in entities and entities[e].type in _PLACE_TYPES]
            out.append(EventMention_(
                doc=doc.id, start=p.start, end=p.end, text=sys.intern(p.text), lemma=sys.intern(p.lemma),
                sentence=span,
                participants=tuple(e for e in participants if e not in places[:1]),
                place=places[0] if places else None,
                date=shared_dates.setdefault(date, _mention_date(*date)) if date else None,
                date_basis=basis,
                heading=heading,
            ))
    return out


def _mention_value(m: EventMention_) -> str:
    return m.date.value if m.date else ""


def _predicate_key(m: EventMention_) -> str:
    return keys.word_stem(keys.fold(m.lemma))


def cluster_mentions(mentions: list[EventMention_], events: Sequence[Event]) -> tuple[EventMention_, ...]:
    """Cross-document coreference of predicate mentions: each gets its timeline entry and cluster.

    Two mentions corefer when their predicates share a stem and either their sentences are
    evidence of one timeline entry, or they share a participant and their dates are
    compatible (a dated and an undated mention never join on a participant alone). Blocked
    by (stem, participant): about linear in the number of mentions.

    ``mentions`` is consumed: sorted, and each mention replaced by its clustered copy in
    place, so that the two copies of every mention never sit in memory together.
    """
    mentions.sort(key=lambda m: (m.doc, m.start, m.end))
    assigned, cluster_id = _clusters(mentions, events)
    for i, m in enumerate(mentions):
        mentions[i] = replace(m, event=assigned[i], cluster=cluster_id[i])
    return tuple(mentions)


def _clusters(ordered: Sequence[EventMention_], events: Sequence[Event]) -> tuple[list[str | None], list[str]]:
    """Each mention's timeline entry (or None) and cluster id, for mentions in text order."""
    entry_of: dict[tuple[str, int], list[str]] = defaultdict(list)
    date_of: dict[str, str] = {}
    for ev in events:
        date_of[ev.id] = ev.date.value
        for x in ev.evidence:
            entry_of[(x.doc, x.start)].append(ev.id)
    assigned: list[str | None] = []
    for m in ordered:
        ids = entry_of.get((m.doc, m.sentence[0]), [])
        mine = m.date.value if m.date else ""
        fit = [e for e in ids if dates_compatible(date_of[e], mine)] or ids
        assigned.append(fit[0] if fit else None)
    parent = list(range(len(ordered)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ordered):
        stem = _predicate_key(m)
        entry = assigned[i]
        if entry is not None:
            blocks[("entry:" + entry, stem)].append(i)
        for e in (*m.participants, *([m.place] if m.place else [])):
            blocks[("ent:" + e, stem)].append(i)
    for (kind, _stem), members in sorted(blocks.items()):
        if kind.startswith("entry:"):
            for i in members[1:]:
                union(members[0], i)
            continue
        by_date = sorted(members, key=lambda i: (_mention_value(ordered[i]), i))
        for k, i in enumerate(by_date):  # sorted neighbourhood on date keeps this linear
            for j in by_date[k + 1 : k + 1 + NEIGHBOURS]:
                a, b = ordered[i], ordered[j]
                if a.doc != b.doc and dates_compatible(_mention_value(a), _mention_value(b)):
                    union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        groups[find(i)].append(i)
    cluster_id = [""] * len(ordered)
    for members in groups.values():
        cid = "em-" + keys.short_hash(*(f"{ordered[i].doc}:{ordered[i].start}" for i in members))
        for i in members:
            cluster_id[i] = cid
    return assigned, cluster_id


_WORD = re.compile(r"\w[\w&.'-]*\w|\w")

#: Longest name, in words, that ``spot_names`` looks for.
MAX_NAME_WORDS = 5


def _name_table(entities: Sequence[Entity]) -> dict[tuple[str, ...], str]:
    """Word tuples of every entity name and alias that names one entity only."""
    table: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for e in entities:
        if e.type in ("NORP",):
            continue
        for name in {e.name, *e.aliases}:
            words = tuple(_WORD.findall(name))
            if not words or len(words) > MAX_NAME_WORDS or not any(ch.isupper() for ch in name):
                continue
            if len(words) == 1 and len(words[0]) < 3:
                continue
            table[words].add(e.id)
    return {w: next(iter(ids)) for w, ids in table.items() if len(ids) == 1}


def first_words(table: Mapping[tuple[str, ...], str]) -> dict[str, int]:
    """The words a name of ``table`` can start with, each with its longest name's length."""
    out: dict[str, int] = {}
    for words in table:
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def spot_names(text: str, table: Mapping[tuple[str, ...], str],
               known: Sequence[tuple[int, int, str]], *, folded: bool = False,
               firsts: Mapping[str, int] | None = None) -> list[tuple[int, int, str]]:
    """Every occurrence of a resolved entity's name that the recogniser missed.

    A name tagged once is the same name elsewhere ("one sense per discourse"): longest match
    first over word n-grams, so the cost is linear in the text. Spans overlapping a known
    mention are skipped. With ``folded`` the table's words are case- and accent-folded, and
    so are the text's. ``firsts`` is ``first_words(table)``, when the caller has it already.
    """
    if not table:
        return []
    if firsts is None:
        firsts = first_words(table)
    words = [(m.start(), m.end(), keys.fold(m.group()) if folded else m.group())
             for m in _WORD.finditer(text)]
    taken = sorted((s, e) for s, e, _ in known)
    starts = [s for s, _ in taken]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        hit = None
        longest = firsts.get(words[i][2], 0)  # no name starts with this word: 0, nothing to look up
        for n in range(min(longest, len(words) - i), 0, -1):
            eid = table.get(tuple(w for _s, _e, w in words[i : i + n]))
            if eid is not None:
                hit = (words[i][0], words[i + n - 1][1], eid, n)
                break
        if hit is None:
            i += 1
            continue
        start, end, eid, n = hit
        k = bisect.bisect_right(starts, end) - 1
        overlaps = k >= 0 and any(s < end and start < e for s, e in taken[max(0, k - 3) : k + 1])
        if not overlaps:
            out.append((start, end, eid))
        i += n
    return out


class PredicateMentions:
    """Predicate-level event mentions of linked documents, fed one record at a time.

    Reads the records' ``predicates`` (empty without a parser: then there are none) and the
    link result's entities, timeline, re-anchored timexes and inferred publication dates.

    Args:
        result: what ``link`` made of the documents (its ``mentions`` are not read).
        names: extra names to follow (a user's query: name → participant id), found in the
            text case-insensitively, also inside longer names; a mention whose argument
            holds one lists that id among its participants.
    """

    def __init__(self, result: LinkResult, names: Mapping[str, str] | None = None) -> None:
        self.result = result
        self.query = {tuple(keys.fold(w) for w in _WORD.findall(n)): pid for n, pid in (names or {}).items()}
        self.query.pop((), None)
        self.entities = {e.id: e for e in result.entities}
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for e in result.entities:
            for x in e.mentions:
                self.spans[x.doc].append((x.start, x.end, e.id))
        self.table = _name_table(result.entities)
        self.firsts = first_words(self.table)
        self.mentions: list[EventMention_] = []

    def add(self, record: AnnotatedDocument) -> None:
        if not record.predicates:
            return
        doc = record.document
        known = self.spans.pop(doc.id, [])
        found = spot_names(doc.text, self.table, known, firsts=self.firsts)
        found += spot_names(doc.text, self.query, (), folded=True)
        own = self.result.timexes.get(doc.id, record.timexes)
        ordered = sorted((t for t in own if isinstance(t, Timex)), key=lambda t: (t.start, t.end))
        dct = self.result.published.get(doc.id) or (doc.published if doc.published.value else None)
        self.mentions.extend(predicate_mentions(record, self.entities, known + found, ordered, dct))

    def finish(self) -> tuple[EventMention_, ...]:
        """The mentions, dated and clustered across documents."""
        mentions, self.mentions = self.mentions, []
        return cluster_mentions(mentions, self.result.events)


def event_mentions(
    records: Iterable[AnnotatedDocument], result: LinkResult, names: Mapping[str, str] | None = None
) -> tuple[EventMention_, ...]:
    """Predicate-level event mentions of linked documents, dated and clustered across documents
    (``PredicateMentions`` over ``records``, in document id order)."""
    finder = PredicateMentions(result, names)
    for record in sorted(records, key=lambda r: r.document.id):
        finder.add(record)
    return finder.finish()
