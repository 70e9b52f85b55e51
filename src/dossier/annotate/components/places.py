"""``dossier_places``: find the place names of a document and put them on the map.

Recognition does not trust the NER label alone: small models tag many place names as
PERSON or ORG, or miss them. A mention is kept when

* the model labels it GPE, LOC or FAC; or
* a proper-noun run (or a PERSON/ORG/… entity) is a gazetteer name and something backs it:
  the same name is labelled a place elsewhere in the document, a locative preposition or a
  generic word stands next to it ("in X", "X Oblast", "the X region"), or it is a
  country, continent or region name.

The mentions are then resolved jointly against the gazetteer (``dossier.geo.resolve``).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.annotate.extensions import doc_text
from dossier.geo import gazetteer as gazetteer_mod
from dossier.geo.names import CITY_WORDS, DIRECTION_WORDS, NATURAL_WORDS, REGION_WORDS, fold
from dossier.geo.resolve import (
    NATURAL_FEATURES,
    Query,
    Resolution,
    candidates_for,
    cues_at,
    local_kind,
    resolve,
)
from dossier.models import Geo, Place

logger = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels a place name is often mistaken for by small models (measured on the seeds' NBC
#: article: "Kherson" PERSON 13/18, "Henichesk" ORG, "Antonivskiy Bridge" WORK_OF_ART).
MISLABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
#: Labels that mean "not a place": a date or number is never a place name ("in May").
NEVER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "from",
        "into",
        "outside",
        "towards",
        "toward",
        "across",
        "around",
        "through",
        "via",
        "inside",
        "throughout",
        "to",
        "visiting",
        "visited",
    }
)
#: "X <noun>" backs X when the noun is one of these ("Alexandria woman", "the Athens area").
PLACE_MODIFIED = frozenset(
    {
        "woman",
        "man",
        "women",
        "men",
        "resident",
        "residents",
        "native",
        "natives",
        "police",
        "officials",
        "authorities",
        "area",
        "mayor",
        "council",
        "schools",
        "suburb",
        "suburbs",
        "neighborhood",
        "neighbourhood",
        "couple",
        "teen",
        "family",
        "families",
        "airport",
        "harbor",
        "harbour",
        "port",
        "downtown",
        "metro",
    }
)
#: Generic words that more often start an institution's name ("Ohio Department of …").
INSTITUTION_WORDS = frozenset({"department", "municipality", "state", "republic"})
#: Words that name no place on their own ("the West", "the Gulf").
LONE_WORDS = DIRECTION_WORDS | {"gulf", "coast", "city", "state", "capital", "republic", "union", "kingdom"}
#: "<word> of X" backs X when the word is one of these ("the village of X", "northwest of X").
OF_HEADS = (
    frozenset(
        {
            "north",
            "south",
            "east",
            "west",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
            "outskirts",
            "centre",
            "center",
            "suburbs",
        }
    )
    | CITY_WORDS
    | REGION_WORDS
)
_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:city|town|village|port|settlement|region|province)\b"
)
GENERIC_WORDS = REGION_WORDS | CITY_WORDS | frozenset(NATURAL_WORDS)
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "announce",
        "claim",
        "deny",
        "accuse",
        "warn",
        "insist",
        "respond",
        "reject",
        "condemn",
        "demand",
        "agree",
        "vow",
        "tell",
        "confirm",
        "urge",
    }
)
FEATURE_TYPES = {
    "river": "LOC",
    "lake": "LOC",
    "sea": "LOC",
    "mountain": "LOC",
    "island": "LOC",
    "peninsula": "LOC",
    "continent": "LOC",
    "bridge": "FAC",
    "dam": "FAC",
}
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*$")


@Language.factory(
    "dossier_places",
    default_config={
        "spans_key": "dossier_places",
        "gazetteer_path": None,
        "gazetteer_matching": True,
        "demonyms": False,
        "place_unlisted": False,
    },
)
def make_places(
    nlp: Language,
    name: str,
    spans_key: str,
    gazetteer_path: str | None,
    gazetteer_matching: bool,
    demonyms: bool,
    place_unlisted: bool,
) -> PlacesComponent:
    """Build the component (the gazetteer itself is loaded on first use)."""
    return PlacesComponent(
        nlp,
        name,
        spans_key=spans_key,
        gazetteer_path=gazetteer_path,
        gazetteer_matching=gazetteer_matching,
        demonyms=demonyms,
        place_unlisted=place_unlisted,
    )


class PlacesComponent:
    """Finds place-name mentions and resolves them; writes ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        spans_key: str = "dossier_places",
        gazetteer_path: str | None = None,
        gazetteer_matching: bool = True,
        demonyms: bool = False,
        place_unlisted: bool = False,
    ) -> None:
        self.name = name
        self.demonyms = demonyms
        self.place_unlisted = place_unlisted
        self.spans_key = spans_key
        self.gazetteer_path = Path(gazetteer_path) if gazetteer_path else None
        self.gazetteer_matching = gazetteer_matching
        self._gaz: gazetteer_mod.Gazetteer | None = None

    @property
    def gaz(self) -> gazetteer_mod.Gazetteer:
        """The gazetteer, loaded (and built on first use) once per process."""
        if self._gaz is None:
            self._gaz = gazetteer_mod.load(self.gazetteer_path)
        return self._gaz

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the gazetteer up front (otherwise the first document does)."""
        _ = self.gaz

    def __call__(self, doc: Doc) -> Doc:
        spans = find_place_spans(
            doc, self.gaz, gazetteer_matching=self.gazetteer_matching, demonyms=self.demonyms
        )
        spans = [part for span in spans for part in place_parts(span, self.gaz)]
        queries = [
            Query(s.start_char, s.end_char, s.text, cues_at(_text(doc), s.start_char, s.end_char))
            for s in spans
        ]
        out: list[Span] = []
        for span, query, res in zip(
            spans, queries, resolve(queries, self.gaz, place_unlisted=self.place_unlisted), strict=True
        ):
            metonymic = query.cues.metonymic or _speaks(span)
            span._.dossier_record = to_place(span, res, metonymic)
            out.append(span)
        doc.spans[self.spans_key] = out
        for key in (_ENTS_KEY, _TEXT_KEY, _LOWER_KEY, _TOKENS_KEY):
            doc.user_data.pop(key, None)
        return doc


#: Head words of the names of bodies and buildings named after their place ("Athens Police
#: Department", "Guernsey County Courthouse", "Augusta Herald", "Otter Tail County Road").
BODY_HEADS = frozenset(
    {
        "police",
        "department",
        "sheriff",
        "office",
        "jail",
        "court",
        "courthouse",
        "station",
        "hall",
        "park",
        "road",
        "highway",
        "party",
        "democrats",
        "republicans",
        "herald",
        "times",
        "tribune",
        "gazette",
        "journal",
        "lottery",
        "school",
        "schools",
        "college",
        "university",
        "hospital",
        "library",
        "airport",
        "commission",
        "board",
        "council",
        "service",
        "authority",
    }
)
_DASHES = frozenset({"-", "–", "—"})


def place_parts(span: Span, gaz: gazetteer_mod.Gazetteer) -> list[Span]:
    """The place names inside a span the gazetteer cannot resolve as a whole: the parts of
    "DANIELSVILLE - Madison County", the place that names "Henderson County Jail". A span
    that resolves, or has no such part, is kept as it is."""
    if len(span) < 2 or candidates_for(gaz, span.text)[0]:
        return [span]
    doc = span.doc
    dashes = [t.i for t in span if t.text in _DASHES or t.text == ","]
    if dashes:
        bounds = [span.start, *dashes, span.end]
        parts: list[Span] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            a += a in dashes
            if a < b:
                part = Span(doc, a, b, label=span.label_)
                if candidates_for(gaz, part.text)[0]:
                    parts.append(part)
                else:
                    parts += [p for p in place_parts(part, gaz) if p is not part]
        return parts or [span]
    if not any(_head(t) in BODY_HEADS for t in span[1:]):
        return _named_after(span, gaz)
    for end in range(span.end - 1, span.start, -1):
        if doc[end - 1].is_punct or not doc[end - 1].text[:1].isupper():
            continue
        prefix = Span(doc, span.start, end, label=span.label_)
        if any(_head(t) in BODY_HEADS for t in doc[end : span.end]) and any(
            c.match < 3 for c in candidates_for(gaz, prefix.text)[0]
        ):
            return [prefix]
    return [span]


def _named_after(span: Span, gaz: gazetteer_mod.Gazetteer) -> list[Span]:
    """The well-known places a span the gazetteer cannot resolve opens or closes with, or is
    made of: "Buffalo" of "Buffalo Bisons", "Honolulu" of "Honolulu Star-Advertiser",
    "Ireland" of "Building Ireland", "Greece" and "Italy" of "Greece Italy". Only countries,
    regions and towns of some size count (a village's name is as often a word); streets
    stay whole (they are placed at the document's town, not at their namesake)."""
    if local_kind(span.text) == "street":
        return [span]
    doc = span.doc
    if len(span) <= 5 and (cover := _cover(span, span.start, gaz)):
        return cover
    for size in range(len(span) - 1, 0, -1):
        for part in (
            Span(doc, span.start, span.start + size, label=span.label_),
            Span(doc, span.end - size, span.end, label=span.label_),
        ):
            if not part[-1].is_punct and _known_area(gaz, part.text):
                return [part]
    return [span]


def _cover(span: Span, start: int, gaz: gazetteer_mod.Gazetteer) -> list[Span] | None:
    """``span[start:]`` cut into known places, the longest first, or ``None``."""
    if start == span.end:
        return []
    for end in range(span.end, start, -1):
        part = Span(span.doc, start, end, label=span.label_)
        if (start, end) != (span.start, span.end) and _known_area(gaz, part.text):
            rest = _cover(span, end, gaz)
            if rest is not None:
                return [part, *rest]
    return None


def _known_area(gaz: gazetteer_mod.Gazetteer, text: str) -> bool:
    """A country, continent or region by name, or a town of at least
    ``BODY_TOWN_POPULATION`` people."""
    return any(
        c.match == 0
        and (c.feature in {"country", "continent", "region"} or c.population >= BODY_TOWN_POPULATION)
        for c in gaz.lookup(text, fuzzy=False)
    )


def _head(tok: Token) -> str:
    return tok.lower_.removesuffix("'s").removesuffix("’s")


def to_place(span: Span, res: Resolution, metonymic: bool) -> Place:
    """The ``Place`` record of a resolved span."""
    c = res.candidate
    label = span.label_ if span.label_ in PLACE_LABELS else None
    if c is None:
        kind = FEATURE_TYPES.get(res.feature or "") or label or "GPE"
        return Place(span.start_char, span.end_char, span.text, kind, None, res.reason, metonymic)
    geo = Geo(
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        gazetteer_id=c.gid,
        feature=c.feature,
        country=c.country,
        admin1=c.admin1,
        name=c.name,
        precision=res.precision,
        confidence=res.confidence,
    )
    kind = FEATURE_TYPES.get(c.feature, "GPE")
    return Place(span.start_char, span.end_char, span.text, kind, geo, res.reason, metonymic)


_ENTS_KEY, _TEXT_KEY, _LOWER_KEY = "dossier_places.ents", "dossier_places.text", "dossier_places.lower"
_TOKENS_KEY = "dossier_places.tokens"


class _Tokens(NamedTuple):
    """The token attributes the recogniser reads, one list per attribute, indexed like the
    ``Doc`` (``doc[i]`` makes a new ``Token`` on every access; the scans here read
    thousands per document)."""

    text: list[str]
    lower: list[str]
    name: list[bool]
    """``_is_name_token`` of each token."""
    space: list[bool]
    punct: list[bool]
    sent_start: list[bool | None]
    ent_type: list[str]
    idx: list[int]


def _tokens(doc: Doc) -> _Tokens:
    """The token table of a document, computed once per document."""
    tokens: _Tokens | None = doc.user_data.get(_TOKENS_KEY)
    if tokens is None:
        tokens = _Tokens([], [], [], [], [], [], [], [])
        for t in doc:
            tokens.text.append(t.text)
            tokens.lower.append(t.lower_)
            tokens.name.append(_is_name_token(t))
            tokens.space.append(t.is_space)
            tokens.punct.append(t.is_punct)
            tokens.sent_start.append(t.is_sent_start)
            tokens.ent_type.append(t.ent_type_)
            tokens.idx.append(t.idx)
        doc.user_data[_TOKENS_KEY] = tokens
    return tokens


def _span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the document's text."""
    if start >= end:
        return ""
    tokens = _tokens(doc)
    return _text(doc)[tokens.idx[start] : tokens.idx[end - 1] + len(tokens.text[end - 1])]


def _ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, computed once per document (spaCy rebuilds the tuple on each access)."""
    ents: tuple[Span, ...] | None = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data[_ENTS_KEY] = ents
    return ents


def _text(doc: Doc) -> str:
    """``doc.text``, computed once per document (the document's own text when the ``Doc``
    carries it, see ``doc_text``)."""
    text: str | None = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc_text(doc)
        doc.user_data[_TEXT_KEY] = text
    return text


def _speaks(span: Span) -> bool:
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in SPEECH_LEMMAS


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without a leading article or possessive, extended over a capitalised
    generic word right after it ("Kherson" + "Oblast")."""
    tokens = _tokens(doc)
    text, lower, space, punct = tokens.text, tokens.lower, tokens.space, tokens.punct
    while start < end and lower[start] in {"the", "a"}:
        start += 1
    while end > start and (
        text[end - 1] in {"'s", "’s", "'"}
        or space[end - 1]
        or (punct[end - 1] and not (text[end - 1] == "." and end - 2 >= start and "." in text[end - 2]))
    ):
        end -= 1
    while start < end and (space[start] or punct[start]):
        start += 1
    if (
        end < len(text)
        and text[end][:1].isupper()
        and lower[end] in GENERIC_WORDS
        and lower[end] not in INSTITUTION_WORDS
    ):
        end += 1
    return start, end


def _proper_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised proper-noun-like tokens (at most 5)."""
    tokens = _tokens(doc)
    name, sent_start = tokens.name, tokens.sent_start
    n = len(name)
    i = 0
    while i < n:
        if name[i]:
            j = i + 1
            while j < n and j - i < 5 and name[j] and not sent_start[j]:
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _is_name_token(tok: Token) -> bool:
    return bool(_CAPITALISED.match(tok.text)) and (
        tok.pos_ in {"PROPN", "NOUN", "ADJ"} or tok.ent_type_ != ""
    )


def _backed(
    doc: Doc, start: int, end: int, key: str, labelled: set[str], gaz: gazetteer_mod.Gazetteer
) -> bool:
    tokens = _tokens(doc)
    prev = tokens.lower[start - 1] if start > 0 else ""
    nxt = tokens.lower[end] if end < len(doc) else ""
    if nxt in PLACE_MODIFIED and _significant(gaz, _span_text(doc, start, end)):
        return True  # "the Alexandria area", "The Mansfield resident"
    if (
        nxt in _DASHES | {"--"}
        and _span_text(doc, start, end).isupper()
        and (start == 0 or not doc[start - 1].is_alpha)
    ):
        return True  # a dateline: "MANSFIELD -- The mayor ..."
    if _dateline(doc, start, end) and _significant(gaz, _span_text(doc, start, end)):
        return True  # "BEIRUT (AP) -", "Muscat: The festival ..."
    if prev == "the" and tokens.ent_type[start] in {"ORG", "PERSON"}:
        return False
    if key in labelled:
        return True
    if nxt in GENERIC_WORDS or (end - start > 1 and tokens.lower[end - 1] in GENERIC_WORDS):
        return True
    if prev == "the" or (start > 1 and tokens.lower[start - 2] == "the" and prev in LOCATIVE):
        # Towns take no article: "the Centre", "the State" are common nouns.
        return any(
            c.match == 0 and c.feature != "city" for c in gaz.lookup(_span_text(doc, start, end), fuzzy=False)
        )
    if prev in LOCATIVE and prev not in STRONG_LOCATIVE and tokens.ent_type[start] == "ORG":
        # "a new Sentra from Nissan", "a deal with Toyota": after a weak locative, a name the
        # model calls an organisation is a place only by its own name, of some size
        return _significant(gaz, _span_text(doc, start, end))
    if prev in LOCATIVE or nxt in PLACE_MODIFIED or _listed_before_plural_generic(doc, end):
        return True
    if prev == "," and nxt in {",", "."} and _significant(gaz, _span_text(doc, start, end)):
        return True  # an address or a dateline: "412 Main St., Alexandria, was ..."
    if prev == "of" and start > 1 and tokens.lower[start - 2] in OF_HEADS:
        return True
    if (
        prev in _DASHES
        and start > 1
        and doc[start - 2].text in {"D", "R", "I"}
        and _is_town(gaz, _span_text(doc, start, end))
    ):
        return True  # a legislator's party and home: "Ricky Moye, D-Raleigh"
    if (
        prev == "of"
        and start > 1
        and tokens.ent_type[start - 2] == "PERSON"
        and _is_town(gaz, _span_text(doc, start, end))
    ):
        return True  # "David and Jodi Mahler of Bellmore": where people are from
    after = doc[end - 1].idx + len(doc[end - 1])
    if _APPOSITION.match(_text(doc)[after : after + 60]):
        return True
    text = _span_text(doc, start, end)
    return any(c.match == 0 and c.feature in {"country", "continent"} for c in gaz.lookup(text, fuzzy=False))


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether a name opens the text or a line as a dateline: "BEIRUT (AP)", "Muscat:"."""
    if start > 0 and "\n" not in doc[start - 1].text_with_ws and not doc[start - 1].is_space:
        return False
    nxt = doc[end].text if end < len(doc) else ""
    if nxt == ":":
        return True
    after = doc[end + 1].text if end + 1 < len(doc) else ""
    return nxt == "(" and _span_text(doc, start, end).isupper() and after.isupper()


def _is_town(gaz: gazetteer_mod.Gazetteer, text: str) -> bool:
    return any(c.match == 0 and c.feature in {"city", "district"} for c in gaz.lookup(text, fuzzy=False))


#: Plural generic words that make the names listed before them places ("Jackson and
#: Barrow counties", "the Dnipro and Inhulets rivers").
PLURAL_GENERICS = frozenset({"counties", "parishes", "districts", "provinces", "regions", "states", "rivers"})


def _lone_name_entity(doc: Doc, start: int, end: int, gaz: gazetteer_mod.Gazetteer) -> bool:
    """A one-word PERSON or ORG entity that is a town of some size and no word of a
    person's full name in the document: small models tag a town a local story keeps
    naming ("Alexandria is a finalist", "Tbilisi says") as a person; a surname comes with
    its full name somewhere ("Barack Obama" ... "Obama said"), which ``person_words`` catches
    before this is asked."""
    tokens = _tokens(doc)
    if end - start != 1 or tokens.ent_type[start] != "PERSON" or doc[start].ent_iob_ != "B":
        return False
    if start + 1 < len(doc) and doc[start + 1].ent_iob_ == "I":
        return False  # the first word of a longer entity
    return _significant(gaz, doc[start].text) and any(
        c.match == 0 and c.feature == "city" and c.population >= LONE_TOWN_POPULATION
        for c in gaz.lookup(doc[start].text, fuzzy=False)
    )


#: A town this populous, named alone and tagged a person or organisation, is taken as the
#: place (set by hand, checked on the benchmarks' tuning halves).
LONE_TOWN_POPULATION = 50_000


def _listed_before_plural_generic(doc: Doc, end: int) -> bool:
    """Whether the name ending at token ``end`` opens or is part of a list of names that a
    plural generic word closes: only names, commas and "and"/"or" in between."""
    for k in range(end, min(end + 12, len(doc))):
        tok = doc[k]
        if tok.lower_ in PLURAL_GENERICS:
            return True
        if not (tok.text in {",", "and", "or", "&"} or _CAPITALISED.match(tok.text)):
            return False
    return False


def _common_word(doc: Doc, start: int, end: int) -> bool:
    """A one-word name that the document also uses as a lower-case word ("War", "King")."""
    if end - start != 1:
        return False
    tok = doc[start]
    words: set[str] | None = doc.user_data.get(_LOWER_KEY)
    if words is None:
        words = {t for t in _tokens(doc).text if t.islower()}
        doc.user_data[_LOWER_KEY] = words
    return tok.is_stop or tok.lower_ in words


def find_place_spans(
    doc: Doc, gaz: gazetteer_mod.Gazetteer, *, gazetteer_matching: bool = True, demonyms: bool = False
) -> list[Span]:
    """The place-name spans of a document, labelled GPE/LOC/FAC, in order, not overlapping.

    Args:
        doc: a document the model has tagged (NER, POS).
        gaz: the gazetteer, for names the model missed or mislabelled.
        gazetteer_matching: also accept gazetteer names the model did not label a place.
        demonyms: also take country adjectives ("Russian") as mentions of the country, as
            GeoWebNews' annotation does (off by default: a dossier maps places, not nationalities).
    """
    taken = [False] * len(doc)
    spans: list[Span] = []

    def take(start: int, end: int, label: str) -> None:
        if start >= end or any(taken[start:end]):
            return
        for k in range(start, end):
            taken[k] = True
        spans.append(Span(doc, start, end, label=label))

    persons = person_words(doc, gaz)
    for ent in _ents(doc):
        if ent.label_ in PLACE_LABELS and any(t.text[:1].isupper() and not t.is_punct for t in ent):
            start, end = _trim(doc, ent.start, ent.end)
            if start < end and _plausible_label(doc, start, end, gaz, persons):
                take(start, end, ent.label_)
    labelled = {fold(s.text) for s in spans if gaz.has_key(s.text) and s.text.lower() not in persons}
    if gazetteer_matching:
        backed = _match_gazetteer(doc, gaz, labelled, [False] * len(doc), lambda *a: None, persons)
        _match_gazetteer(doc, gaz, labelled | backed, taken, take, persons)
    for ent in _ents(doc):
        if _is_named_building(ent):
            start, end = _trim(doc, ent.start, ent.end)
            take(start, end, "FAC")  # "Carnegie Library", "Holy Redeemer Church": a place in town
    if demonyms:
        for ent in _ents(doc):
            if ent.label_ == "NORP" and len(ent) == 1 and _is_country_adjective(gaz, ent.text):
                take(ent.start, ent.end, "GPE")
            elif ent.label_ in {"ORG", "EVENT", "LAW"} and len(ent) > 1:
                first = ent.start + (doc[ent.start].lower_ == "the")
                tok = doc[first]
                if (
                    first + 1 < ent.end
                    and tok.text[:1].isupper()
                    and tok.pos_ in {"ADJ", "PROPN"}
                    and _is_country_adjective(gaz, tok.text)
                ):
                    take(first, first + 1, "GPE")  # "the Russian Ministry of Defence"
        in_person = {i for e in _ents(doc) if e.label_ == "PERSON" for i in range(e.start, e.end)}
        for tok in doc:
            if not taken[tok.i] and tok.i not in in_person and _is_demonym_adjective(doc, tok, gaz):
                take(tok.i, tok.i + 1, "GPE")  # "Slovak architect", "anti-Russian policy"
    spans.sort(key=lambda s: s.start)
    return spans


def _is_demonym_adjective(doc: Doc, tok: Token, gaz: gazetteer_mod.Gazetteer) -> bool:
    """A capitalised adjective of a country, continent or region that the model did not tag
    NORP, before a noun or a name ("Slovak architect", "Korean moms", "BBC Russian
    Service"); singular forms only ("Europeans" are people, not a place)."""
    text = tok.text
    if not (text.isalpha() and text[:1].isupper() and not text.isupper() and len(text) >= 4):
        return False  # not "Dr.", "GE", "NJ"
    if tok.is_stop or tok.pos_ not in {"ADJ", "PROPN"} or text.endswith("s"):
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or not (nxt.pos_ in {"NOUN", "PROPN"} or nxt.text[:1].isupper()):
        return False
    cands, _ = candidates_for(gaz, text)
    areas = [c for c in cands if c.feature in {"country", "continent", "region"} and c.match < 3]
    return bool(areas) and all(fold(c.name) != fold(text) for c in areas)


#: Building words whose named ORG is a building first ("Holy Redeemer Church"); schools,
#: courts, clubs, halls and centres are as often the institution as the place.
STANDING_BUILDINGS = frozenset(
    {
        "church",
        "cathedral",
        "chapel",
        "basilica",
        "mosque",
        "temple",
        "synagogue",
        "library",
        "inn",
        "hotel",
        "stadium",
        "arena",
        "museum",
        "theatre",
        "theater",
        "cemetery",
        "courthouse",
        "racecourse",
    }
)


def _is_named_building(ent: Span) -> bool:
    """An organisation's name that ends with a building's word ("Third Presbyterian
    Church", "Christopher Inn"): the model calls it an ORG, but it stands somewhere."""
    last = ent[-1]
    return (
        ent.label_ == "ORG"
        and len(ent) >= 2
        and last.text[:1].isupper()
        and last.lower_ in STANDING_BUILDINGS
        and all(t.text[:1].isupper() or t.is_punct or t.lower_ in {"of", "the", "and", "&"} for t in ent)
    )


def _plausible_label(doc: Doc, start: int, end: int, gaz: gazetteer_mod.Gazetteer, persons: set[str]) -> bool:
    """Whether a one-word GPE/LOC/FAC entity is worth keeping: not the first or last name
    of a person named in full elsewhere ("Yulia" of "Yulia Skripal"), and either in the
    gazetteer or after a locative preposition (else it is more often a product or a name)."""
    tokens = _tokens(doc)
    if end - start > 1:
        return True
    text = _span_text(doc, start, end)
    if tokens.lower[start] in LONE_WORDS:
        return False
    if tokens.lower[start] in persons and not _is_country(gaz, text):
        return False
    prev = tokens.lower[start - 1] if start > 0 else ""
    return gaz.has_key(text) or bool(candidates_for(gaz, text)[0]) or prev in LOCATIVE or prev == ","


def _match_gazetteer(
    doc: Doc,
    gaz: gazetteer_mod.Gazetteer,
    labelled: set[str],
    taken: list[bool],
    take: Any,
    persons: set[str] | None = None,
) -> set[str]:
    """Gazetteer names the model did not label as places, where something backs them.

    Returns:
        The keys of the names taken on their own evidence (a name backed once is then a
        place wherever it recurs: one sense per discourse).
    """
    tokens = _tokens(doc)
    backed: set[str] = set()
    never = {
        i
        for ent in _ents(doc)
        if ent.label_ in NEVER or (ent.label_ == "NORP" and not _norp_town(doc, ent, gaz))
        for i in range(ent.start, ent.end)
    }
    others = [e for e in _ents(doc) if e.label_ in MISLABELS]
    inside = {(e.start, e.end) for e in others}
    if persons is None:
        persons = person_words(doc, gaz)
    in_person = {i for e in _ents(doc) if e.label_ == "PERSON" for i in range(e.start, e.end)}
    bodies = _body_prefixes(others)
    named_countries = functools.cache(lambda: _named_countries(doc, gaz))  # once, if a code needs it

    runs = [(r, False) for r in sorted(inside)]
    runs += [(r, _within(r, inside)) for r in _proper_runs(doc)]
    runs += [(r, True) for e in others if len(e) > 1 for r in _subruns(e)]
    for (run_start, run_end), embedded in runs:
        start, end = _trim(doc, run_start, run_end)
        if start >= end or any(taken[start:end]) or any(k in never for k in range(start, end)):
            continue
        text = _span_text(doc, start, end)
        key = fold(text)
        if not key or (len(key) < 3 and not text.replace(".", "").isupper()) or key in LONE_WORDS:
            continue
        if embedded or (text.isupper() and len(text) <= 5):
            if start in in_person and not _is_country(gaz, text):
                continue
            short = text.replace(".", "").isupper() and len(text.replace(".", "")) <= 3
            labelled_ok = (
                key in labelled and tokens.lower[start] not in persons and (not short or text.isupper())
            )
            entity = tokens.ent_type[start] in {"ORG", "GPE", "LOC", "NORP"} and end - start == 1
            body = (run_start, run_end) in bodies and not short and tokens.lower[start] not in persons
            if (
                labelled_ok
                or _is_country(
                    gaz,
                    text,
                    entity=entity,
                    org_in=named_countries() if tokens.ent_type[start] == "ORG" else None,
                )
                or (not short and _is_region(gaz, text))
                or (body and _names_bodies(gaz, text))
            ):
                take(start, end, "GPE")
            continue
        generic_end = tokens.lower[end - 1] in GENERIC_WORDS and end - start > 1
        if not (gaz.has_key(text) or _has_core(gaz, doc, start, end) or generic_end):
            continue
        if key not in labelled and (_common_word(doc, start, end) or (end - start == 1 and key in persons)):
            continue
        if _backed(doc, start, end, key, labelled, gaz) or _lone_name_entity(doc, start, end, gaz):
            if key not in labelled:
                backed.add(key)
            kind = NATURAL_WORDS.get(tokens.lower[end - 1]) if generic_end else None
            take(start, end, FEATURE_TYPES.get(kind or "", "GPE") if kind in NATURAL_FEATURES else "GPE")
    return backed


def _norp_town(doc: Doc, ent: Span, gaz: gazetteer_mod.Gazetteer) -> bool:
    """A one-word NORP entity right after in/near/outside that names a town and is no
    country's adjective: the model's reading of "in Greer" as a nationality."""
    return (
        len(ent) == 1
        and ent.start > 0
        and doc[ent.start - 1].lower_ in STRONG_LOCATIVE
        and _is_town(gaz, ent.text)
        and not _is_country_adjective(gaz, ent.text)
    )


def _body_prefixes(entities: list[Span]) -> set[tuple[int, int]]:
    """Token ranges that may be the place a body is named after: the opening words of an
    organisation's or event's name ("Athens" of "the Athens Police Department", "Madison"
    of "Madison County Health Department", "Nashville" of "Nashville Film Festival") and the
    name after its last "of" ("Princeton" of "First Bank of Princeton"). The caller keeps
    those that are places of some size."""
    out: set[tuple[int, int]] = set()
    for e in entities:
        if e.label_ not in {"ORG", "EVENT"} or len(e) < 2 or e[-1].lower_ in NATURAL_WORDS:
            continue  # "Antonivka Road Bridge" is a place itself, not named after one
        first = e.start + (e.doc[e.start].lower_ == "the")
        for k in range(first + 1, min(first + 3, e.end - 1) + 1):
            out.add((first, k))
        ofs = [t.i for t in e if t.lower_ == "of"]
        if ofs and 1 <= e.end - ofs[-1] - 1 <= 3:
            out.add((ofs[-1] + 1, e.end))
    return out


#: A one-word town this populous names the bodies that open with its name ("Athens Police
#: Department"); smaller ones are as often words or surnames ("Justice Department", "Center
#: for ..."). Set by hand, checked on the benchmarks' dev parts.
BODY_TOWN_POPULATION = 100_000


def _names_bodies(gaz: gazetteer_mod.Gazetteer, text: str) -> bool:
    """Whether a name opening an organisation's name is a place it is named after: a
    country, region or county, a big town, or a town with a name of several words."""
    several = " " in text.strip()
    return any(
        (c.match == 0 or (c.match == 1 and c.feature == "district"))
        and (
            c.feature in {"country", "continent", "region", "district"}
            or c.population >= BODY_TOWN_POPULATION
            or (several and c.population >= SIGNIFICANT_POPULATION)
        )
        for c in gaz.lookup(text, fuzzy=False)
    )


def _is_region(gaz: gazetteer_mod.Gazetteer, text: str) -> bool:
    return any(c.match == 0 and c.feature == "region" for c in gaz.lookup(text, fuzzy=False))


def _subruns(ent: Span) -> Iterator[tuple[int, int]]:
    """Capitalised n-grams (up to 3 tokens) inside a longer entity ("U.S." in "U.S. Army")."""
    name = _tokens(ent.doc).name
    for i in range(ent.start, ent.end):
        for j in range(i + 1, min(i + 3, ent.end) + 1):
            if (i, j) != (ent.start, ent.end) and all(name[i:j]):
                yield i, j


def _is_country(
    gaz: gazetteer_mod.Gazetteer, text: str, *, entity: bool = False, org_in: frozenset[str] | None = None
) -> bool:
    """A country or continent by name, or by ISO code (two-letter codes only when dotted,
    "U.S.": a bare "IN", "TV" or "GE" is a word or an acronym; a continent's code when the
    model tagged it as a name, "EU"). An undotted code the model tags as an organisation is
    not a country the document's other places contradict (``org_in``: the countries they
    name): "IRA" in a Belfast story is not the Islamic Republic of Afghanistan, while "the
    DPRK" beside Pyongyang, or alone, is North Korea."""
    letters = text.replace(".", "")
    return any(
        c.feature in {"country", "continent"}
        and (
            c.match == 0
            or (
                c.match == 2
                and (
                    "." in text
                    or (len(letters) >= 3 and (not org_in or c.country in org_in))
                    or (entity and c.feature == "continent")
                )
            )
        )
        for c in gaz.lookup(text, fuzzy=False)
    )


def _named_countries(doc: Doc, gaz: gazetteer_mod.Gazetteer) -> frozenset[str]:
    """The countries of the places the model labels in a document, by their names."""
    return frozenset(
        c.country
        for e in _ents(doc)
        if e.label_ in PLACE_LABELS
        for c in gaz.lookup(e.text, fuzzy=False)
        if c.match == 0 and c.country
    )


def person_words(doc: Doc, gaz: gazetteer_mod.Gazetteer) -> set[str]:
    """Words of people's full names in the document ("Yulia" of "Yulia Skripal", "Baker"
    of "John Baker"), less country and region names and towns of some size that the model
    also labels a place somewhere in the document ("Kherson" of a mis-tagged "Retaking
    Kherson")."""
    words = {t.lower_ for e in _ents(doc) if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha}
    placed = {t.lower_ for e in _ents(doc) if e.label_ in PLACE_LABELS for t in e}
    placed |= {w for w in words & _after_strong_locative(doc) if _is_town(gaz, w)}
    return {
        w
        for w in words
        if not (
            _is_country(gaz, w)
            or _is_region(gaz, w)
            or (w in placed and (_significant(gaz, w) or _is_country_code(gaz, w)))
        )
    }


#: Prepositions that make the one-word name after them a place, whatever else it is called
#: in the document ("sold in Riverdale" though the model read "Riverdale Luke Oil" as a person).
STRONG_LOCATIVE = frozenset({"in", "near", "outside"})


def _after_strong_locative(doc: Doc) -> set[str]:
    """Lower-cased one-word capitalised names that follow a strong locative preposition."""
    tokens = _tokens(doc)
    text, lower, name = tokens.text, tokens.lower, tokens.name
    n = len(text)
    out = set()
    for i in range(1, n):
        if (
            lower[i - 1] in STRONG_LOCATIVE
            and _CAPITALISED.match(text[i])
            and (i + 1 == n or not name[i + 1])
        ):
            out.add(lower[i])
    return out


def _is_country_code(gaz: gazetteer_mod.Gazetteer, word: str) -> bool:
    """A country's ISO code ("us" of a "US" the model labels a place elsewhere)."""
    return any(c.feature == "country" and c.match == 2 for c in gaz.lookup(word.upper(), fuzzy=False))


#: A town this populous is a place before it is a first name or surname (set by hand).
SIGNIFICANT_POPULATION = 5_000


def _significant(gaz: gazetteer_mod.Gazetteer, word: str) -> bool:
    return any(
        c.match == 0 and (c.feature != "city" or c.population >= SIGNIFICANT_POPULATION)
        for c in gaz.lookup(word, fuzzy=False)
    )


def _is_country_adjective(gaz: gazetteer_mod.Gazetteer, text: str) -> bool:
    cands, _ = candidates_for(gaz, text)
    return any(c.feature in {"country", "continent", "region"} and c.match < 3 for c in cands)


def _within(run: tuple[int, int], entities: set[tuple[int, int]]) -> bool:
    """Whether a run lies inside (and is not all of) a longer non-place entity."""
    return any(s <= run[0] and run[1] <= e and (s, e) != run for s, e in entities)


def _has_core(gaz: gazetteer_mod.Gazetteer, doc: Doc, start: int, end: int) -> bool:
    tokens = _tokens(doc)
    if end - start > 1 and tokens.lower[end - 1] in GENERIC_WORDS:
        return gaz.has_key(_span_text(doc, start, end - 1))
    return bool(gaz.lookup(_span_text(doc, start, end))) if end - start == 1 else False
