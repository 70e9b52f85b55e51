"""Publication dates across documents, and re-anchoring time expressions on them.

An undated news article says "Ukrainian forces swept into Kherson on Friday"; a dated (or
absolute) source says "Later that day [11 November 2022], Ukrainian forces liberated
Kherson". If the two sentences describe the same event, the article's "Friday" is 11
November 2022, and the article's date is the one that makes its relative expression land
on that day. ``infer_published`` finds such pairs and picks the date most of them agree
on; ``reanchor_all`` then re-resolves a document's relative timexes against it.

Sub-quadratic: sentences are blocked by shared entity keys (an inverted index from keys
to the dated sentences holding them); only sentences sharing a key are compared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dossier.geo.distance import haversine_km
from dossier.link.keys import ADMIN_WORDS, FEATURE_WORDS, fold
from dossier.models import AnnotatedDocument, Published, Sentence, Timex
from dossier.temporal import find_dateline, reanchor_sequence
from dossier.temporal.tagger import as_date

#: How far from the event day a document date is searched (a weekday reaches 6 days back,
#: "next week" a week forward; 8 covers both with a margin).
SEARCH_DAYS = 8

#: Shared content stems two sentences need to be taken as telling the same event, and
#: shared entity keys among them (tuned on the seeds' pairs and by hand on made-up ones).
MIN_SHARED_STEMS = 3
MIN_SHARED_KEYS = 1

#: Two sentences naming places (below country level) tell the same event only if some
#: place of one lies this close to some place of the other (kilometres: a city and its
#: region's centre; a province's two neighbours' centres are further apart).
SAME_PLACE_KM = 150

#: Words naming a kind of place, not which one.
GENERIC_PLACE_WORDS = ADMIN_WORDS | FEATURE_WORDS

#: Features too broad to tell two events apart.
BROAD_FEATURES = frozenset({"country", "continent"})

#: A key held by more dated sentences than this is too common to block on.
MAX_BLOCK = 200

#: Stem length: the first letters of a word ("defence"/"defense", "Ukraine"/"Ukrainian").
STEM = 5

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "said",
        "says",
        "say",
        "after",
        "before",
        "into",
        "over",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "who",
        "which",
        "what",
        "when",
        "where",
        "while",
        "would",
        "could",
        "should",
        "will",
        "may",
        "might",
        "can",
        "not",
        "no",
        "also",
        "about",
        "up",
        "down",
        "out",
        "more",
        "most",
        "some",
        "any",
        "all",
        "each",
        "other",
        "such",
        "only",
        "just",
        "very",
        "much",
        "many",
        "being",
        "do",
        "does",
        "did",
        "so",
        "if",
        "because",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "early",
        "late",
        "later",
        "earlier",
        "same",
        "previous",
        "next",
        "morning",
        "evening",
        "night",
        "afternoon",
    ]
)


@dataclass(frozen=True, slots=True)
class _Dated:
    """A sentence of another document with the day it names."""

    doc: str
    sentence: Sentence
    day: dt.date
    stems: frozenset[str]
    keys: frozenset[str]
    places: tuple[_Ground, ...] = ()


@dataclass(frozen=True, slots=True)
class _Relative:
    """A sentence of an undated document with a DCT-relative day expression."""

    sentence: Sentence
    timex: Timex
    stems: frozenset[str]
    keys: frozenset[str]
    places: tuple[_Ground, ...] = ()


def _stems(text: str) -> frozenset[str]:
    words = (fold(w).strip("'’-") for w in _WORD.findall(text))
    return frozenset(w[:STEM] for w in words if len(w) > 2 and w not in _STOP)


def _keys(record: AnnotatedDocument, sentence: Sentence) -> frozenset[str]:
    """Entity keys of a sentence: its mentions' stems, else its capitalised words'."""
    inside = [m.text for m in record.mentions if sentence.start <= m.start < sentence.end]
    if not inside:
        inside = [w for w in _WORD.findall(sentence.text)[1:] if w[0].isupper()]
    return frozenset(s for text in inside for s in _stems(text))


@dataclass(frozen=True, slots=True)
class _Ground:
    """A place a sentence names: its name's stems, and where it lies when resolved."""

    stems: frozenset[str]
    point: tuple[float, float] | None


def _places(record: AnnotatedDocument, sentence: Sentence) -> tuple[_Ground, ...]:
    """The places a sentence names below country level, resolved or not."""
    out = {
        _Ground(_name_stems(p.text), (p.geo.lat, p.geo.lon) if p.geo else None)
        for p in record.places
        if sentence.start <= p.start < sentence.end and (p.geo is None or p.geo.feature not in BROAD_FEATURES)
    }
    return tuple(sorted(out, key=lambda g: (sorted(g.stems), g.point or (0.0, 0.0))))


def _name_stems(name: str) -> frozenset[str]:
    """A place name's distinctive stems ("Helmand Province" → {"helma"}: not "province")."""
    return _stems(" ".join(w for w in _WORD.findall(name) if fold(w) not in GENERIC_PLACE_WORDS))


def same_ground(a: Sequence[_Ground], b: Sequence[_Ground]) -> bool:
    """Whether two sentences' places allow one event: either names none, or one place of each
    shares a name or lies close to the other."""
    if not a or not b:
        return True
    for x in a:
        for y in b:
            if x.point and y.point:  # both resolved: where they lie decides, not their names
                if haversine_km(*x.point, *y.point) <= SAME_PLACE_KM:
                    return True
            elif x.stems & y.stems:
                return True
    return False


def _sentence_of(record: AnnotatedDocument, start: int) -> Sentence | None:
    for s in record.sentences:
        if s.start <= start < s.end:
            return s
    return None


def _dated_sentences(record: AnnotatedDocument) -> Iterable[_Dated]:
    """Sentences naming a day whose value does not hang on an unknown document date."""
    known = record.document.published.value is not None
    for t in record.timexes:
        day = as_date(t.value) if t.type in {"DATE", "TIME"} and t.value and "/" not in t.value else None
        if day is None or (t.anchor == "dct" and not known):
            continue
        s = _sentence_of(record, t.start)
        if s is not None:
            yield _Dated(record.document.id, s, day, _stems(s.text), _keys(record, s), _places(record, s))


def _relative_sentences(record: AnnotatedDocument) -> Iterable[_Relative]:
    """Sentences with a day expression that needs the document date ("on Friday")."""
    for t in record.timexes:
        if t.anchor != "dct" or t.rule is None or t.type not in {"DATE", "TIME"}:
            continue
        if "wd=" not in t.rule and "rel=D" not in t.rule:
            continue
        s = _sentence_of(record, t.start)
        if s is not None:
            yield _Relative(s, t, _stems(s.text), _keys(record, s), _places(record, s))


@lru_cache(maxsize=65536)
def _consistent_dcts(timex: Timex, day: dt.date, kind: str) -> tuple[dt.date, ...]:
    """Document dates that make ``timex`` name ``day``.

    Cached: one relative expression meets many sentences dating the same day, and each
    answer costs a re-resolution per candidate date.
    """
    out = []
    for delta in range(-SEARCH_DAYS, SEARCH_DAYS + 1):
        dct = day + dt.timedelta(days=delta)
        value = reanchor_sequence([timex], dct.isoformat(), kind)[0].value
        if as_date(value) == day:
            out.append(dct)
    return tuple(out)


def _infer_one(
    doc_id: str, kind: str, relatives: Sequence[_Relative], index: Mapping[str, list[_Dated]]
) -> Published | None:
    """The document date most same-event sentence pairs agree on."""
    votes: dict[dt.date, float] = defaultdict(float)
    best_pair: dict[dt.date, tuple[float, _Relative, _Dated]] = {}
    for rel in relatives:
        seen: set[tuple[str, int, dt.date]] = set()
        for key in sorted(rel.keys):
            block = index.get(key, [])
            if len(block) > MAX_BLOCK:
                continue
            for dated in block:
                ident = (dated.doc, dated.sentence.start, dated.day)
                if dated.doc == doc_id or ident in seen:
                    continue
                seen.add(ident)
                shared = len(rel.stems & dated.stems)
                if shared < MIN_SHARED_STEMS or len(rel.keys & dated.keys) < MIN_SHARED_KEYS:
                    continue
                if not same_ground(rel.places, dated.places):
                    continue  # the same words about events in different places
                score = shared / max(1, min(len(rel.stems), len(dated.stems)))
                for dct in _consistent_dcts(rel.timex, dated.day, kind):
                    votes[dct] += score
                    if dct not in best_pair or score > best_pair[dct][0]:
                        best_pair[dct] = (score, rel, dated)
    if not votes:
        return None
    top = max(votes.values())
    dct = min(d for d, v in votes.items() if v >= top - 1e-9)  # ties: the earliest date
    _, rel, dated = best_pair[dct]
    explanation = (
        f'"{_clip(rel.sentence.text)}" ({rel.timex.text}) tells the same event as '
        f'"{_clip(dated.sentence.text)}" (document {dated.doc}, {dated.day.isoformat()}); '
        f"the document date that puts {rel.timex.text!r} on {dated.day.isoformat()} is {dct.isoformat()}"
    )
    return Published(dct.isoformat(), "inferred", explanation)


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PublishedInference:
    """Publication dates for undated news documents, fed one record at a time.

    ``add`` keeps what inference needs of a document — its dated sentences (for the other
    documents to vote with), and for an undated news document its dateline or its
    sentences with a day expression relative to the unknown date — never the record itself.
    """

    def __init__(self) -> None:
        self.index: dict[str, list[_Dated]] = defaultdict(list)
        self.undated: list[tuple[str, str, Published | None, list[_Relative]]] = []

    def add(self, record: AnnotatedDocument) -> None:
        for dated in _dated_sentences(record):
            for key in dated.keys:
                self.index[key].append(dated)
        doc = record.document
        if doc.published.value is not None or doc.kind != "news":
            return
        line = find_dateline(doc.text)
        if line is not None:
            self.undated.append((doc.id, doc.kind, Published(line[0], "text", line[1]), []))
        else:
            self.undated.append((doc.id, doc.kind, None, list(_relative_sentences(record))))

    def finish(self) -> dict[str, Published]:
        """Document id → ``Published`` for each undated news document a date was found for."""
        out: dict[str, Published] = {}
        for doc_id, kind, line, relatives in sorted(self.undated, key=lambda u: u[0]):
            found = line if line is not None else _infer_one(doc_id, kind, relatives, self.index)
            if found is not None:
                out[doc_id] = found
        return out


def infer_published(records: Iterable[AnnotatedDocument]) -> dict[str, Published]:
    """Publication dates for undated news documents.

    A dateline in the text wins (basis ``text``); else the date is inferred from sentences
    of other documents that date the same event (basis ``inferred``).

    Args:
        records: annotated documents (any order).

    Returns:
        Document id -> ``Published`` for each undated news document a date was found for.
    """
    inference = PublishedInference()
    for record in sorted(records, key=lambda r: r.document.id):
        inference.add(record)
    return inference.finish()


def reanchor_all(record: AnnotatedDocument, dct: str | Published) -> tuple[Timex, ...]:
    """A document's timexes re-resolved against its (inferred) date.

    Args:
        record: the annotated document.
        dct: its date, ISO or as a ``Published``.

    Returns:
        The timexes in order; DCT-relative ones (and anaphora that follow them) get
        values computed from ``dct``; the others are unchanged.
    """
    value = dct.value if isinstance(dct, Published) else dct
    if not value:
        return record.timexes
    return tuple(reanchor_sequence(record.timexes, value, record.document.kind))
