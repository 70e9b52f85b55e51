"""Check stated distances ("about 55 miles west of Kherson city") against the geodesic
between the places they relate, and flag the ones that disagree."""

from __future__ import annotations

import re

from dossier.geo.distance import bearing_deg, compass, directions_agree, find_distances, haversine_km
from dossier.models import AnnotatedDocument, DistanceCheck, Place, Sentence

#: A stated distance agrees when it is within a third of the measured one (issue 4).
TOLERANCE = 1 / 3
#: A text with none of these holds no distance phrase (every unit ``find_distances`` reads
#: contains one), so most sentences skip its long pattern.
UNIT_HINT = re.compile(r"km|kilomet|mi(?:les?)?\b", re.IGNORECASE)
#: The place a distance is measured to is named at most this many characters before the
#: phrase ("Mykolaiv, about 55 miles west of …"); one further back is about something else
#: ("the Washington Post, killed and eaten a rabbit before he was taken to a hospital around
#: 185 miles northwest of Beijing": 75 characters).
TARGET_GAP = 40
#: Places too large for a point-to-point distance to mean anything.
AREA_FEATURES = frozenset({"country", "continent"})


def _point(p: Place) -> bool:
    return p.geo is not None and p.geo.feature not in AREA_FEATURES


def _candidate(p: Place) -> bool:
    """A place a distance can be measured from or to (unresolved ones included: the check
    then says so instead of measuring from the wrong place)."""
    return p.geo is None or p.geo.feature not in AREA_FEATURES


def check_distances(record: AnnotatedDocument) -> list[DistanceCheck]:
    """Every distance phrase of a document that relates two places, checked.

    The place the distance is measured *from* is the one named right after "of"/"from"
    in the phrase (else the other place named last before the target: "Tyahynka, 20 km to
    the west" of the dam named before it); the place it is measured *to* is the nearest
    place named before the phrase in the same sentence. When either place is unresolved
    the check has ``measured_km`` and ``agrees`` None.

    Args:
        record: an annotated document (sentences and Place records are used).

    Returns:
        One check per phrase with both places found, in document order.
    """
    places = sorted((p for p in record.places if _candidate(p)), key=lambda p: p.start)
    out: list[DistanceCheck] = []
    if len(places) < 2:  # a check relates two places
        return out
    for sentence in record.sentences:
        if not UNIT_HINT.search(sentence.text):
            continue
        for phrase in find_distances(sentence.text):
            start, end = sentence.start + phrase.start, sentence.start + phrase.end
            pair = _pair(places, sentence, start, end, phrase.anchored)
            if pair is None:
                continue
            origin, target = pair
            out.append(_check(record.document.id, sentence, origin, target, phrase.km, phrase.direction))
    return out


def _pair(
    places: list[Place], sentence: Sentence, start: int, end: int, anchored: bool
) -> tuple[Place, Place] | None:
    before = [p for p in places if sentence.start <= p.start and p.end <= start and start - p.end <= TARGET_GAP]
    after = [p for p in places if end <= p.start < end + 60 and p.end <= sentence.end]
    if anchored and after:
        origin = after[0]
        target = next((p for p in reversed(before) if _different(p, origin)), None)
    else:
        if not before:
            return None
        target = before[-1]
        earlier = [p for p in places if p.end <= target.start]
        origin = next((p for p in reversed(earlier) if _different(p, target)), None)
    if origin is None or target is None:
        return None
    return origin, target


def _different(a: Place, b: Place) -> bool:
    if a.geo is not None and b.geo is not None:
        return a.geo.gazetteer_id != b.geo.gazetteer_id
    return a.text.casefold() != b.text.casefold()


def _check(
    doc: str, sentence: Sentence, origin: Place, target: Place, stated: float, direction: str | None
) -> DistanceCheck:
    measured: float | None = None
    measured_dir: str | None = None
    agrees: bool | None = None
    if _point(origin) and _point(target):
        assert origin.geo is not None and target.geo is not None
        measured = round(haversine_km(origin.geo.lat, origin.geo.lon, target.geo.lat, target.geo.lon), 1)
        measured_dir = compass(bearing_deg(origin.geo.lat, origin.geo.lon, target.geo.lat, target.geo.lon))
        agrees = abs(stated - measured) <= TOLERANCE * max(stated, measured)
        if direction is not None:
            agrees = agrees and directions_agree(direction, measured_dir)
    return DistanceCheck(
        doc=doc,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        origin=origin.text,
        target=target.text,
        stated_km=round(stated, 1),
        measured_km=measured,
        direction=direction,
        measured_direction=measured_dir,
        agrees=agrees,
    )
