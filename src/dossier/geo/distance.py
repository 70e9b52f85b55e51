"""Distances and directions: the geodesic between two points, and the distance phrases
of news text ("about 55 miles west of Kherson city", "20 kilometres to the west")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dossier.claims.numbers import TENS_WORDS, UNITS_WORDS, parse_number

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
KM_PER_UNIT = {"km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "mile": 1.609344, "mi": 1.609344}
COMPASS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")

# the number words a stated distance is written in ("fifteen kilometers", "a dozen miles");
# their values come from the one number parser, ``dossier.claims.numbers``
_NUMBER_WORDS = [w for w in (*UNITS_WORDS, *TENS_WORDS, "hundred", "dozen") if w != "zero"]
_NUM = (
    # (?<!\d): a digit run is tried from its start only (a later start ends the same ways);
    # without it a long run of digits backtracked quadratically (25 s for 20,000 digits)
    r"(?:\d{1,3}(?:,\d{3})+|(?<!\d)\d+(?:\.\d+)?|(?:a\s+)?(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_UNIT = r"(?P<unit>kilometers|kilometres|kilometer|kilometre|km|miles|mile|mi)\b"
_DIR = (
    r"(?P<dir>northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west"
    r"|north|south|east|west)"
)
DISTANCE_RE = re.compile(
    r"(?P<num>" + _NUM + r")\s*(?:-\s*)?" + _UNIT + r"(?:\s*\([^)]{0,20}\))?"
    r"(?:\s+(?:to\s+the\s+)?" + _DIR + r"(?:ward|ern)?)?"
    r"(?:\s+(?:of|from)\s)?",
    re.I,
)


#: A length that measures a thing, not the way between two places: "a 1,900-mile-wide moon",
#: "3 miles long", "a diameter of 3,200 miles".
_SIZE_AFTER = re.compile(r"(?:-|\s+)(?:wide|long|tall|high|deep|thick|across)\b|\s+in\s+(?:diameter|length|width|radius)\b", re.I)
_SIZE_BEFORE = re.compile(
    r"\b(?:diameter|radius|width|length|wingspan|circumference|perimeter|depth|height|altitude|elevation)"
    r"\s+(?:of\s+)?(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than)\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DistancePhrase:
    """A stated distance in a sentence."""

    start: int
    end: int
    km: float
    direction: str | None
    anchored: bool
    """True when the phrase names its origin ("… of X" / "… from X")."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing in degrees (0 = north, clockwise) from point 1 to point 2."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass(bearing: float) -> str:
    """The eight-point compass direction of a bearing."""
    return COMPASS[int(((bearing % 360) + 22.5) // 45) % 8]


def find_distances(sentence: str) -> list[DistancePhrase]:
    """Every stated distance in a sentence, with its direction and whether it is anchored.

    Args:
        sentence: any text.

    Returns:
        The phrases in order; offsets are into ``sentence``.
    """
    out: list[DistancePhrase] = []
    for m in DISTANCE_RE.finditer(sentence):
        before = sentence[: m.start()]
        if _SIZE_BEFORE.search(before) or _SIZE_AFTER.match(sentence, m.end("unit")):
            continue  # the size of a thing
        if before.rstrip().endswith("("):
            continue  # a conversion of the figure before it ("1,900-mile-wide (3,100 km)")
        value = parse_number(m.group("num"))
        if value is None or value <= 0:
            continue
        unit = m.group("unit").lower()
        unit = "mile" if unit.startswith("mi") else "km"
        direction = m.group("dir")
        out.append(
            DistancePhrase(
                start=m.start(),
                end=m.end(),
                km=value * KM_PER_UNIT[unit],
                direction=direction.lower().replace("-", "") if direction else None,
                anchored=m.group(0).rstrip().lower().endswith((" of", " from")),
            )
        )
    return out


def directions_agree(stated: str, measured: str) -> bool:
    """Whether two compass directions are at most one point (45°) apart."""
    if stated not in COMPASS or measured not in COMPASS:
        return True
    gap = abs(COMPASS.index(stated) - COMPASS.index(measured)) % 8
    return min(gap, 8 - gap) <= 1
