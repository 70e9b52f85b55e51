"""Toponym resolution: pick the gazetteer entry each place name of a document refers to.

Every name gets candidates from the gazetteer; each candidate is scored from priors
(population, feature type, how its name matched), the cues around the mention ("the city
of X", "X Oblast", "X, Texas"), and the document as a whole: the countries and regions its
other places lie in, and how close it lies to them (places in one story cluster). The
scores are recomputed a few times, each time against the document's current best reading.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from dossier.geo.distance import EARTH_RADIUS_KM
from dossier.geo.gazetteer import KIND_ALT, KIND_CODE, Candidate
from dossier.geo.names import (
    CITY_WORDS,
    DIRECTION_WORDS,
    DISTRICT_WORDS,
    NATURAL_WORDS,
    REGION_WORDS,
    adjective_stems,
    fold,
    is_abbreviation_of,
    split_generic,
)

#: Features that are a region or a natural feature (precision 3 in conflict-event datasets).
AREA_FEATURES = frozenset(
    {
        "region",
        "district",
        "country",
        "continent",
        "river",
        "peninsula",
        "island",
        "sea",
        "lake",
        "mountain",
        "dam",
        "bridge",
        "other",
    }
)
NATURAL_FEATURES = frozenset(set(NATURAL_WORDS.values()) - {"region"})

# Score weights. Tuned by hand on GeoWebNews articles 0-99 (dev half) and checked on LGL;
# the document-context weights then by a coordinate search over (a) on the first halves of
# GeoWebNews and LGL (benchmarks/geoparse.py --halves). Scores are in log10-population units.
W_COUNTRY = 3.0  # a country outranks any town of its name ("Russia" is not Russia, Ohio)
W_CONTINENT = 3.0
W_REGION_SHADOWED = -1.5  # a region named after its own big capital: the city is meant
W_DISTRICT = -1.5  # a bare name is a county less often than a town or a state
W_ALT = -1.2  # matched only an alternate name
W_CODE_LOWER = -4.0  # an ISO code matched text that was not written in capitals
W_SKELETON = -2.5  # matched only after transliteration folding
W_HINT_MATCH = 4.0  # "Kherson Oblast" -> region, "the city of X" -> city
W_HINT_MISMATCH = -4.0
W_CONTAINER = 5.0  # "Paris, Texas": inside the named region/country
W_DOC_COUNTRY = 6.25  # times the share of the document's places in the candidate's country
W_DOC_ADMIN1 = 2.8  # times the share in its first-level region
W_NEAR = 3.75  # closeness to the document's other places, 0 at >= FAR_KM
W_FOCUS = 2.0  # the country the caller says the document is about
W_IN_NAMED_REGION = 2.0  # inside a region the document names ("Alexandria" with "Virginia")
# (A bonus for lying inside a country the document names was dropped: the country shares
# above already count it, and a coordinate search on the tuning halves set it to 0, as it
# moved the share and closeness weights to the values above.)
#: Last words of the names of streets and of buildings and grounds, which no packaged
#: gazetteer lists. A street is never the town it is named after ("Memphis St." in
#: Alexandria); either kind, left without an entry, is placed at the document's main town
#: (precision 2: part of a town), the town a local story is about.
STREET_WORDS = frozenset(
    {
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "square",
        "plaza",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "alley",
        "terrace",
        "crescent",
        "rue",
    }
)
BUILDING_WORDS = frozenset(
    {
        "church",
        "cathedral",
        "chapel",
        "hospital",
        "school",
        "academy",
        "library",
        "hall",
        "court",
        "courthouse",
        "inn",
        "hotel",
        "restaurant",
        "stadium",
        "arena",
        "centre",
        "center",
        "park",
        "estate",
        "mall",
        "station",
        "museum",
        "theatre",
        "theater",
        "club",
        "prison",
        "jail",
        "embassy",
        "market",
        "temple",
        "mosque",
        "synagogue",
        "cemetery",
        "garden",
        "gardens",
        "plantation",
        "campus",
        "building",
        "tower",
        "capitol",
        "village",
        "apartments",
        "house",
    }
)
#: The words of a reason that say a name's entry is only where it lies (the town it is in),
#: not the place it names; the link stage keeps such a place apart from its town.
PLACED_AT = "placed at the document's main town"
FAR_KM = 2000.0
ITERATIONS = 3
#: Each name votes for the document's countries, regions and area with its likeliest
#: readings weighted by their probabilities (``VOTERS`` of them), not with its best reading
#: alone: an uncertain name's best guess cannot then pull the others into its state
#: ("Columbia" read as a county in Georgia drew "Nashville" to Georgia).
VOTERS = 5
POP_FLOOR = 10


class Lookup(Protocol):
    """What the resolver needs from a gazetteer."""

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list[Candidate]: ...

    def region(self, country: str, admin1: str) -> Candidate | None: ...

    def regions(self) -> list[Candidate]: ...


@dataclass(frozen=True, slots=True)
class Cues:
    """What the words around a mention say about it."""

    feature: str | None = None
    """city | region | river | … from "the city of X", "X Oblast", "the X river"."""
    container: str | None = None
    """The Y of "X, Y" (a region or country X is in)."""
    near: bool = False
    """"near X", "outside X", "north of X": the event is not at X itself (precision 2)."""
    metonymic: bool = False
    """"Moscow said": a government or team speaking, not the place."""


@dataclass(frozen=True, slots=True)
class Query:
    """One place-name mention to resolve."""

    start: int
    end: int
    text: str
    cues: Cues = field(default_factory=Cues)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The resolver's answer for one mention."""

    candidate: Candidate | None
    confidence: float
    precision: int
    reason: str
    feature: str | None = None
    """The feature the mention's words point to ("river" for "the Dnipro river"), if any."""


_BEFORE_CITY = re.compile(r"\b(?:city|town|village|settlement|hamlet|capital|port)\s+of\s+(?:the\s+)?$", re.I)
_BEFORE_REGION = re.compile(
    r"\b(?:region|province|oblast|state|county|district|governorate|prefecture)\s+of\s+(?:the\s+)?$", re.I
)
_BEFORE_NATURAL = re.compile(r"\b(?:the\s+)?(river|lake|mount|island|peninsula)\s+(?:of\s+)?$", re.I)
_AFTER_KIND = re.compile(r"^\s+([A-Za-z']+)\b")
_AFTER_CONTAINER = re.compile(r"^,\s*((?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*){0,2})(?=[\s,.;:)]|$)")
_BEFORE_NEAR = re.compile(
    r"\b(?:near|outside|outskirts\s+of|close\s+to|around|(?:north|south|east|west|northeast|northwest|"
    r"southeast|southwest)(?:ern)?\s+of|(?:miles|kilometers|kilometres|km)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?$",
    re.I,
)
_AFTER_SPEAKS = re.compile(
    r"^(?:'s\s+(?:government|foreign\s+ministry|ministry|officials|military)\b)|^\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:said|says|say|announced|announces|claimed|claims|denied|denies|accused|accuses|warned|warns|"
    r"insisted|insists|responded|rejected|condemned|demanded|agreed|vowed)\b",
    re.I,
)
_AFTER_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[a-z]+\s+){0,2}?(city|town|village|port|settlement|region|province)\b"
)
_BEFORE_ACCORDING = re.compile(r"\b(?:according\s+to|said|says)\s+$", re.I)


def cues_at(text: str, start: int, end: int) -> Cues:
    """Read the cues around the mention ``text[start:end]``.

    Args:
        text: the document.
        start: the mention's first character.
        end: one past its last character.

    Returns:
        The cues; all empty when the context says nothing.
    """
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    feature: str | None = None
    if _BEFORE_CITY.search(before):
        feature = "city"
    elif _BEFORE_REGION.search(before):
        feature = "region"
    elif m := _BEFORE_NATURAL.search(before):
        feature = NATURAL_WORDS.get(m.group(1).lower())
    if feature is None and (m := _AFTER_KIND.match(after)):
        word = m.group(1).lower()
        if word in DISTRICT_WORDS:
            feature = "district"
        elif word in REGION_WORDS:
            feature = "region"
        elif word in CITY_WORDS and word != "municipality":
            feature = "city"
        elif word in NATURAL_WORDS:
            feature = NATURAL_WORDS[word]
    if feature is None and _AFTER_APPOSITION.match(after):
        feature = "city" if _AFTER_APPOSITION.match(after).group(1).lower() != "region" else "region"  # type: ignore[union-attr]
    container = None
    if m := _AFTER_CONTAINER.match(after):
        container = m.group(1).rstrip(".")
    return Cues(
        feature=feature,
        container=container,
        near=bool(_BEFORE_NEAR.search(before)),
        metonymic=bool(_AFTER_SPEAKS.match(after)),
    )


def candidates_for(gaz: Lookup, text: str) -> tuple[list[Candidate], str | None]:
    """Gazetteer candidates for a mention's text, trying the name as written, then
    without its generic word, then an adjective's noun ("Crimean Peninsula" -> Crimea).

    Returns:
        The candidates and the feature the generic word points to (``None`` if none).
    """
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    if fold(name) in DIRECTION_WORDS:
        return [], None  # "the West", "North": a direction, not Cameroon's West Region
    core, generic = split_generic(name)
    found = gaz.lookup(name)
    if generic is not None and core != name:
        found = found + [c for c in gaz.lookup(core) if c.pid not in {f.pid for f in found}]
        if not found and " " not in core:
            for stem in adjective_stems(core):
                found = gaz.lookup(stem)
                if found:
                    break
    elif not found and name.endswith("'s"):
        found = gaz.lookup(name[:-2])
    if " " not in name and not any(c.match < 3 for c in found):
        for stem in adjective_stems(name):
            exact = [
                c for c in gaz.lookup(stem, fuzzy=False) if c.feature in {"country", "continent", "region"}
            ]
            if exact:
                return exact, generic
    if (
        name.endswith(".")
        and 2 <= len(fold(name).replace(" ", "")) <= 5
        and not name.replace(".", "").isupper()
    ):
        # "Fla.", "Kan.", "W.Va.": a dotted abbreviation is a region's, not a village called Fla
        regions = _abbreviated_regions(gaz, name)
        if regions or not any(c.match < 3 for c in found):
            found = regions
    words = name.split()
    if not found and len(words) > 1 and fold(words[0]) in DIRECTION_WORDS:
        found, generic = candidates_for(gaz, " ".join(words[1:]))
        # a direction before a country or region names part of it ("northern Syria");
        # before a continent or an adjective it names another region ("Central America")
        found = [c for c in found if c.feature != "continent" and not _is_adjective_of(words[-1], c)]
    return found, generic


_ABBREVIATIONS: weakref.WeakKeyDictionary[Lookup, dict[str, list[Candidate]]] = weakref.WeakKeyDictionary()


def _abbreviated_regions(gaz: Lookup, name: str) -> list[Candidate]:
    """The regions a dotted abbreviation fits ("Fla.", "W. Va."), remembered per gazetteer
    (the scan goes over every region)."""
    try:
        memo = _ABBREVIATIONS.setdefault(gaz, {})
    except TypeError:  # a stand-in that cannot be weakly referenced
        memo = {}
    if name not in memo:
        memo[name] = [c for c in gaz.regions() if c.feature == "region" and is_abbreviation_of(name, c.name)]
    return list(memo[name])


def _is_adjective_of(word: str, c: Candidate) -> bool:
    """Whether a word names a country or region by its adjective ("American", "Syrian")."""
    return word.endswith(_DEMONYM_ENDINGS) and fold(word) != fold(c.name)


def _named_whole(cands: list[Candidate], text: str) -> list[Candidate]:
    """The candidates whose own name is the whole mention, generic word included: with no
    lake or mountain of the name in the gazetteer, "Elbow Lake" and "Mount Gilead" are the
    towns named so."""
    key = fold(re.sub(r"^(?:the|The)\s+", "", text.strip()))
    return [c for c in cands if c.match == 0 and fold(c.name) == key]


def _prior(c: Candidate, text: str, hint: str | None, siblings: Sequence[Candidate]) -> float:
    score = math.log10(max(c.population, 0) + POP_FLOOR)
    if c.feature == "country":
        score += W_COUNTRY
    elif c.feature == "continent":
        score += W_CONTINENT
    elif (
        c.feature in {"region", "district"}
        and hint not in {"region", "district"}
        and any(s.feature == "city" and s.match == 0 and s.population > c.population / 20 for s in siblings)
    ):
        score += W_REGION_SHADOWED
    if c.feature == "district" and hint != "district":
        score += W_DISTRICT
    if c.match == KIND_ALT:
        score += W_ALT
    elif c.match == KIND_CODE and not text.replace(".", "").isupper():
        score += W_CODE_LOWER
    elif c.match == 3:
        score += W_SKELETON
    if hint is not None:
        if c.feature == hint or (hint == "region" and c.feature in {"region", "country", "district"}):
            score += W_HINT_MATCH
        elif hint == "district" and c.feature in {"region", "country"}:
            pass
        elif (
            hint in NATURAL_FEATURES
            or c.feature in NATURAL_FEATURES
            or hint in {"region", "city", "district"}
        ):
            score += W_HINT_MISMATCH
    return score


#: Endings of place adjectives ("Canadian", "Japanese", "Turkish", "Iraqi").
_DEMONYM_ENDINGS = ("an", "ese", "ish", "ic", "i")


def _demonym_of_sibling(text: str, siblings: Sequence[Candidate]) -> bool:
    """Whether a one-word mention with an adjective's ending names a country by one of its
    alternate names: "Canadian" is Canada's adjective before it is Canadian, Texas."""
    word = text.strip()
    return (
        " " not in word
        and word.endswith(_DEMONYM_ENDINGS)
        and any(s.feature in {"country", "continent"} and s.match == KIND_ALT for s in siblings)
    )


def _container_bonus(c: Candidate, container: list[Candidate]) -> float:
    for k in container:
        if k.feature == "country" and c.country == k.country:
            return W_CONTAINER
        if k.feature == "region" and c.country == k.country and c.admin1 == k.admin1:
            return W_CONTAINER
    return 0.0


#: What a vote for a candidate counts towards: its country, its first-level region and its point.
_Vote = tuple[str | None, tuple[str, str] | None, tuple[float, float] | None]


@dataclass
class _Slot:
    query: Query
    cands: list[Candidate]
    base: list[float]
    hint: str | None
    best: int = 0
    conf: float = 0.0
    probs: list[tuple[int, float]] = field(default_factory=list)
    """The likeliest readings (candidate index, probability), the votes it casts."""
    key: str = ""
    """The name's lookup key (``fold`` of the mention's text)."""
    radians: tuple[list[Candidate], np.ndarray, np.ndarray, np.ndarray] | None = None
    """The candidates, their latitudes and longitudes (radians, column vectors) and the
    latitudes' cosines, once computed by ``_nearness``."""
    _votes: tuple[list[Candidate], list[_Vote]] | None = None

    def votes(self) -> list[_Vote]:
        """Per candidate, what a vote for it counts towards: its country, its first-level
        region (``None`` for a country or without one) and its point (``None`` for a
        country or continent). Computed once per slot."""
        if self._votes is None or self._votes[0] is not self.cands:
            self._votes = (
                self.cands,
                [
                    (
                        c.country,
                        (c.country, c.admin1) if c.country and c.admin1 and c.feature != "country" else None,
                        (c.lat, c.lon) if c.feature not in {"country", "continent"} else None,
                    )
                    for c in self.cands
                ],
            )
        return self._votes[1]

    def set_scores(self, scores: list[float]) -> None:
        """Take a new score per candidate: the best one, its confidence and the top readings."""
        self.best = max(range(len(scores)), key=scores.__getitem__)
        top = scores[self.best]
        weights = [math.exp(x - top) for x in scores]
        total = sum(weights)
        self.conf = 1.0 / total
        ranked = sorted(range(len(scores)), key=lambda i: -weights[i])[:VOTERS]
        self.probs = [(i, weights[i] / total) for i in ranked]


def _context_scores(slots: list[_Slot], focus: dict[str, float], only: str | None = None) -> None:
    """Rescore the slots (those of the name ``only``, if given) against the document's
    current best reading."""
    countries: defaultdict[str, float] = defaultdict(float)
    admin1s: defaultdict[tuple[str, str], float] = defaultdict(float)
    points: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    # What each name's own mentions add, so that a name repeated five times does not vote
    # for its own reading (the context of a mention is the document's other names). Only
    # the names being rescored need theirs.
    own_countries: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    own_admin1s: defaultdict[str, defaultdict[tuple[str, str], float]] = defaultdict(
        lambda: defaultdict(float)
    )
    own_total: defaultdict[str, float] = defaultdict(float)
    total = 0.0
    for s in slots:
        if not s.cands:
            continue
        key = s.key
        mine = only is None or key == only
        votes = s.votes()
        for i, w in s.probs:
            country, admin1, point = votes[i]
            total += w
            if mine:
                own_total[key] += w
            if country:
                countries[country] += w
                if mine:
                    own_countries[key][country] += w
                if admin1 is not None:
                    admin1s[admin1] += w
                    if mine:
                        own_admin1s[key][admin1] += w
            if point is not None:
                points[key].append((point[0], point[1], w))
    named_regions = {(c.country, c.admin1) for c in _tops(slots) if c.feature == "region"}
    # the other names' points, as arrays, once per name rescored (not once per mention)
    others_of: dict[str, _Points | None] = {}
    # mentions of a name with the same candidates and priors (its repeats) score alike
    done: dict[tuple[str, int, tuple[float, ...]], list[float]] = {}
    for s in slots:
        if not s.cands:
            continue
        own = s.key
        if only is not None and own != only:
            continue
        same = (own, id(s.cands), tuple(s.base))
        if same in done:
            s.set_scores(done[same])
            continue
        if own not in others_of:
            others = [p for key, ps in points.items() if key != own for p in ps]
            others_of[own] = _points(others) if others else None
        others_pts = others_of[own]
        near = _nearness(s, others_pts) if others_pts is not None else None
        rest = total - own_total[own]
        own_c, own_a = own_countries[own], own_admin1s[own]
        scores = []
        for k, (c, base) in enumerate(zip(s.cands, s.base, strict=True)):
            score = base
            if rest > 1e-9:
                cc, a1 = c.country or "", (c.country or "", c.admin1 or "")
                score += W_DOC_COUNTRY * (countries.get(cc, 0.0) - own_c.get(cc, 0.0)) / rest
                score += W_DOC_ADMIN1 * (admin1s.get(a1, 0.0) - own_a.get(a1, 0.0)) / rest
            score += W_FOCUS * focus.get(c.country or "", 0.0)
            if c.feature not in {"country", "region"}:
                score += W_IN_NAMED_REGION * ((c.country, c.admin1) in named_regions)
            if near is not None and c.feature not in {"country", "continent"}:
                score += W_NEAR * float(near[k])
            scores.append(score)
        done[same] = scores
        s.set_scores(scores)


#: Other places as arrays: latitudes and longitudes in radians, the cosines of the
#: latitudes, the weights (each a row vector).
_Points = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _points(others: list[tuple[float, float, float]]) -> _Points:
    pts = np.asarray(others, dtype=float)
    lat2, lon2, weight = np.radians(pts[:, 0])[None, :], np.radians(pts[:, 1])[None, :], pts[:, 2][None, :]
    return lat2, lon2, np.cos(lat2), weight


def _nearness(s: _Slot, others: _Points) -> np.ndarray:
    """Per candidate of a slot, its closeness to the likeliest other place, each weighted by
    its probability: closeness is 1 at the same spot and falls with the log of the distance
    to 0 at ``FAR_KM``. Computed as one array operation (the resolver's inner loop); the
    candidates' side is computed once per slot."""
    if s.radians is None or s.radians[0] is not s.cands:
        lat1 = np.radians([c.lat for c in s.cands])[:, None]
        lon1 = np.radians([c.lon for c in s.cands])[:, None]
        s.radians = (s.cands, lat1, lon1, np.cos(lat1))
    _, lat1, lon1, cos1 = s.radians
    lat2, lon2, cos2, weight = others
    a = np.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    closeness = np.maximum(0.0, 1.0 - np.log1p(km) / math.log1p(FAR_KM))
    return np.asarray((closeness * weight).max(axis=1))


def _tops(slots: list[_Slot]) -> list[Candidate]:
    return [s.cands[s.best] for s in slots if s.cands and s.conf >= 0.5]


def _precision(c: Candidate, cues: Cues) -> int:
    if c.feature in AREA_FEATURES:
        return 3
    return 2 if cues.near else 1


def resolve(
    queries: Sequence[Query],
    gaz: Lookup,
    *,
    focus: dict[str, float] | None = None,
    place_unlisted: bool = False,
) -> list[Resolution]:
    """Resolve every place-name mention of one document, jointly.

    Args:
        queries: the document's place-name mentions, with their cues.
        gaz: the gazetteer.
        focus: optional country code -> weight in [0, 1] for the countries the document
            is known to be about (from its title or metadata).
        place_unlisted: put a name the gazetteer does not list at the document's main
            town (precision 3, confidence 0.1, "a guess" in the reason) instead of leaving
            it unplaced: a name a local story gives without an entry, a neighbourhood,
            venue or stream, lies in or near the town the story is about more often than
            anywhere else. Off by default (an unlisted name carries no position, and why);
            streets and buildings are placed at the main town in any case (precision 2).

    Returns:
        One resolution per query, in order.
    """
    focus = focus or {}
    slots: list[_Slot] = []
    cache: dict[str, tuple[list[Candidate], str | None]] = {}
    for q in queries:
        if q.text not in cache:
            cache[q.text] = candidates_for(gaz, q.text)
        cands, generic = cache[q.text]
        if local_kind(q.text) == "street":
            cands = []  # "Memphis St." is no reading of Memphis, nor a vote for it
        if not q.cues.container and _demonym_of_sibling(q.text, cands):
            cands = [c for c in cands if c.feature != "city"]  # "Canadian" is not Canadian, Texas
        hint = generic or q.cues.feature
        if hint in NATURAL_FEATURES:
            # "the Dnipro river" is no city; but in "a Greek island" the word names the
            # country the island is in, so a country stays when nothing natural fits
            natural = [c for c in cands if c.feature in NATURAL_FEATURES or c.feature == "region"]
            whole = _named_whole(cands, q.text) if generic else []  # the word is in the name itself
            cands = natural or whole or [c for c in cands if c.feature == "country"]
        container = candidates_for(gaz, q.cues.container)[0] if q.cues.container else []
        container = [k for k in container if k.feature in {"region", "country"}]
        base = [_prior(c, q.text, hint, cands) + _container_bonus(c, container) for c in cands]
        slot = _Slot(q, cands, base, hint, key=fold(q.text))
        if cands:
            slot.set_scores(base)
        slots.append(slot)
    # One name at a time, the surest first, each against the others' latest reading (all
    # at once, two names that fit each other can swap readings on every round instead:
    # "Walker County" and "Huntsville" each moving to the other's last state).
    names = sorted({fold(s.query.text): s.conf for s in slots if s.cands}.items(), key=lambda kv: -kv[1])
    for _ in range(ITERATIONS):
        for key, _conf in names:
            _context_scores(slots, focus, only=key)
    _one_sense_per_name(slots)
    town = _main_town(slots)
    return [_answer(s, town, unlisted=place_unlisted) for s in slots]


def local_kind(text: str) -> str | None:
    """``street`` or ``building`` when a name's last word says it is one, else ``None``."""
    words = fold(text).split()
    if not words:
        return None
    if words[-1] in STREET_WORDS or (len(words) > 1 and words[0] == "rue"):
        return "street"
    if words[-1] in BUILDING_WORDS:
        return "building"
    return None


def _main_town(slots: list[_Slot]) -> Candidate | None:
    """The town the document talks about most: the town-level reading (a city or county)
    with the most mentions, the first mentioned on a tie; ``None`` when no mention reads
    as one."""
    count: Counter[int] = Counter()
    first: dict[int, tuple[int, Candidate]] = {}
    for i, s in enumerate(slots):
        if s.cands and local_kind(s.query.text) is None:
            c = s.cands[s.best]
            if c.feature in {"city", "district"}:
                count[c.pid] += 1
                first.setdefault(c.pid, (i, c))
    if not count:
        return None
    pid = max(count, key=lambda p: (count[p], -first[p][0]))
    return first[pid][1]


def _one_sense_per_name(slots: list[_Slot]) -> None:
    """Mentions of one name without their own cue take the reading of its most confident
    mention (one sense per discourse); a name cued once as a natural feature ("the Dnipro
    river") is that feature in every uncued mention."""
    natural = {fold(s.query.text): s for s in slots if s.hint in NATURAL_FEATURES}
    for s in slots:
        leader = natural.get(fold(s.query.text))
        if leader is not None and s.hint is None:
            s.hint = leader.hint
            kept = {c.pid for c in leader.cands}  # what the cued mention kept (a country stays)
            s.cands = [c for c in s.cands if c.pid in kept]
            chosen = leader.cands[leader.best].pid if leader.cands else None
            s.best = next((i for i, c in enumerate(s.cands) if c.pid == chosen), 0)
            s.conf = leader.conf if s.cands else 0.0
    best_of: dict[str, _Slot] = {}
    for s in slots:
        if s.cands and s.hint is None and not s.query.cues.container:
            key = fold(s.query.text)
            if key not in best_of or s.conf > best_of[key].conf:
                best_of[key] = s
    for s in slots:
        if s.cands and s.hint is None and not s.query.cues.container:
            leader = best_of[fold(s.query.text)]
            if leader is not s and leader.cands[leader.best].pid in {c.pid for c in s.cands}:
                s.best = next(i for i, c in enumerate(s.cands) if c.pid == leader.cands[leader.best].pid)
                s.conf = leader.conf


def _answer(s: _Slot, town: Candidate | None = None, *, unlisted: bool = False) -> Resolution:
    kind = local_kind(s.query.text)
    if town is not None and kind is not None and not s.cands:
        reason = f"a {kind} the gazetteer does not list: {PLACED_AT}, {town.name}"
        return Resolution(town, 0.3, 2, reason, s.hint)
    if town is not None and not s.cands and unlisted:
        reason = f"not in the gazetteer: {PLACED_AT}, {town.name} (a guess)"
        return Resolution(town, 0.1, 3, reason, s.hint)
    if not s.cands:
        what = f"no {s.hint} " if s.hint else "no entry "
        return Resolution(None, 0.0, 0, f"{what}named {s.query.text!r} in the gazetteer", s.hint)
    c = s.cands[s.best]
    reason = f"{len(s.cands)} candidate(s); chose {c.name} ({c.feature}, {c.country or '-'})"
    return Resolution(c, round(s.conf, 3), _precision(c, s.query.cues), reason, s.hint)


def with_cues(queries: Sequence[Query], text: str) -> list[Query]:
    """The queries with their cues read from the document text."""
    return [replace(q, cues=cues_at(text, q.start, q.end)) for q in queries]
