"""Context filters and merges over the grammar's raw matches.

- ``keep`` drops matches the surrounding words show are not times: in encyclopedic text, a
  year opening an article title ("the 2022 Ukrainian southern counteroffensive"); "a day"
  in "20,000 rounds a day" read as a duration; "a second" (the ordinal).
- ``combine`` merges adjacent pieces into one expression, as TimeML annotates them: a count
  of units and the date it moves ("six days after 20 March 2023"; with no date after it,
  "six days after it collapsed" is the duration "six days"), a date
  and a clock time ("11 November 5 a.m. Moscow time", "15:00 GMT Saturday"), a part of day
  and its date ("the evening of 10 November"), and a clock time with its conversion in
  brackets ("5 a.m. Moscow time (2 a.m. UTC)").
"""

from __future__ import annotations

import re

from dossier.temporal import lexicon as lx
from dossier.temporal.parse import Parse, copy

_NAME_START = re.compile(r"(?:^|\n)\s*(?:[*\-•]\s*)?(?:the\s+)?$|\bthe\s+$", re.IGNORECASE)
_CAPITALISED_NEXT = re.compile(r"^\s+([A-Z][a-z]+)")
_SET_BEFORE = re.compile(r"(?:\d|times|once|twice|rounds|per|shells|dollars|miles)\s*$", re.IGNORECASE)
_DATE_TIME_GAP = re.compile(r"^(?:\s*,)?\s+(?:at\s+|on\s+|,\s*)?$", re.IGNORECASE)
_POD_OF = re.compile(
    r"(?:the\s+)?(?:(?P<mod>early|late)\s+)?(?P<pod>" + lx.POD_RE + r")\s+(?:hours\s+)?of\s+$", re.IGNORECASE
)
_PAREN_CLOCK = re.compile(r"^\s*\(\s*$")
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|until|till|through)\s*$", re.IGNORECASE)
# tuned on TBAQ-cleaned: "annually"/"daily" after a rate and "average daily", "Party
# daily Granma" (a newspaper) are not annotated there.
_RATE_BEFORE = re.compile(r"(?:%|\bpercent|\bper\s+cent|\d)\s*$", re.IGNORECASE)
_ADJECTIVE_DAILY = re.compile(r"(?:\baverage\s+daily\b|\b[A-Z][a-z]+\s+daily\s+[A-Z])")
_SHIFT_GAP = re.compile(r"^\s+$")
_TRAILING_DIR = re.compile(r"\s+(?:before|after)$", re.IGNORECASE)
_MONTH_OR_DAY = {w.capitalize() for w in list(lx.MONTHS) + list(lx.WEEKDAYS)}


#: Temporal words written in lower case in running text: capitalised after another word of a
#: quoted title they are part of the title ("ABC's \"This Week\"", "CBS's ''60 Minutes''",
#: "the film ``High Noon''"; TBAQ-cleaned: none of the 4 is annotated).
_LOWER_WORDS = frozenset(
    {"today", "tonight", "tomorrow", "yesterday", "now", "noon", "midnight", "midday", "day", "days", "week",
     "weeks", "weekend", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "second",
     "seconds", "morning", "afternoon", "evening", "night", "decade", "decades", "century", "centuries",
     "quarter", "ago"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")
_TITLE_RUN = re.compile(r"(?:``|''|[\"“‘])(?:(?:[A-Z][\w'-]*|\d+)\s+)+$")


def _in_title(text: str, name: str, p: Parse) -> bool:
    """Is the match inside a quoted capitalised title (a programme, a film), not a time?"""
    if name in {"holiday", "dmy", "mdy", "month_year", "iso"}:
        return False
    for w in _WORD.finditer(text, p.start, p.end_offset):
        capital = w.group()[0].isupper() and w.group().lower() in _LOWER_WORDS
        if capital and _TITLE_RUN.search(text[max(0, w.start() - 60) : w.start()]):
            return True
    return False


def keep(text: str, name: str, p: Parse, narrative: bool = False) -> bool:
    """Is this grammar match a temporal expression in its context?

    Args:
        text: the text.
        name: the grammar pattern that matched.
        p: its parse.
        narrative: the text is read as a narrative (encyclopedic): only there is a year
            opening a capitalised name dropped.
    """
    before = text[max(0, p.start - 40) : p.start]
    after = text[p.end_offset : p.end_offset + 40]
    surface = text[p.start : p.end_offset].lower()
    if _in_title(text, name, p):
        return False
    if narrative and name == "year" and p.mod is None and re.fullmatch(r"\d{4}", surface):
        nxt = _CAPITALISED_NEXT.match(after)
        if nxt and nxt.group(1) not in _MONTH_OR_DAY and _NAME_START.search(before):
            # "the 2022 Ukrainian southern counteroffensive": in encyclopedic text a year
            # opening a capitalised name is an article title. Not in news: TimeML marks the
            # year of "the 1996 Olympic bombing", "the 2000 Olympics" (TBAQ-cleaned: 4 of 4).
            return False
    if (
        name == "duration"
        and re.match(r"(?:a|an)\s", surface)
        and (_SET_BEFORE.search(before) or surface.startswith("a second"))
    ):
        return False  # "20,000 rounds a day" (a set), "a second" (the ordinal)
    if name == "duration" and re.search(r"(?:^|\s)a\s?quarters?$|-\s?quarters?$", surface):
        return False  # "(more than) a quarter", "three-quarters": fractions
    if name == "set_adverb" and (
        _RATE_BEFORE.search(before) or _ADJECTIVE_DAILY.search(before + surface + after)
    ):
        return False  # "rise 8.5% annually" (a rate), "the Party daily Granma", "average daily volume"
    if name == "set_every" and surface.startswith("a "):
        return bool(_SET_BEFORE.search(before))
    return not (
        name in {"duration", "ago"}
        and surface.endswith("second")
        and " second" in surface
        and "a second" in surface
    )


def _datelike(p: Parse) -> bool:
    return (
        p.type in {"DATE", "TIME"}
        and p.end is None
        and p.hh is None
        and (p.d is not None or p.wd is not None or (p.rel is not None and p.rel[0] == "D"))
    )


def _is_day(p: Parse) -> bool:
    """A calendar day (month and day given), not yet part of an interval."""
    return p.type == "DATE" and p.end is None and p.m is not None and p.d is not None and p.rel is None


def _clocklike(p: Parse) -> bool:
    return (
        p.type == "TIME"
        and p.hh is not None
        and p.d is None
        and p.wd is None
        and p.rel is None
        and p.y is None
    )


def _merge(date: Parse, clock: Parse, start: int, end: int) -> Parse:
    merged = copy(date, type="TIME", hh=clock.hh, mi=clock.mi, zone=clock.zone, pod=None)
    merged.mod = date.mod or clock.mod
    merged.start, merged.end_offset = start, end
    return merged


def combine(text: str, parses: list[Parse]) -> list[Parse]:
    """Merge adjacent date, part-of-day and clock expressions.

    Args:
        text: the text the parses were found in.
        parses: non-overlapping parses in text order.

    Returns:
        The parses, some merged, in text order.
    """
    out: list[Parse] = []
    for p in parses:
        p = _absorb_part_of_day(text, _possessive_not_approximate(text, p))
        if out:
            prev = out[-1]
            gap = text[prev.end_offset : p.start]
            if _datelike(prev) and _clocklike(p) and _DATE_TIME_GAP.match(gap):
                out[-1] = _merge(prev, p, prev.start, p.end_offset)
                continue
            if _clocklike(prev) and _datelike(p) and _DATE_TIME_GAP.match(gap):
                out[-1] = _merge(p, prev, prev.start, p.end_offset)
                continue
            if _is_day(prev) and _is_day(p) and _RANGE_GAP.match(gap) and (p.y is not None or prev.y is None):
                start = copy(prev, y=prev.y if prev.y is not None else p.y)
                start.end = p
                start.end_offset = p.end_offset
                out[-1] = start
                continue
            ahead = _count_of_units(prev)
            if ahead is not None and _shiftable(p) and _FROM_GAP.match(gap):
                # "a week from Friday", "two days from today": that date moved forward
                out[-1] = copy(p, shift=ahead)
                out[-1].start, out[-1].end_offset = prev.start, p.end_offset
                continue
            if _pending_shift(prev) and _shiftable(p) and _SHIFT_GAP.match(gap):
                out[-1] = copy(p, shift=prev.shift, mod=p.mod or prev.mod)
                out[-1].start, out[-1].end_offset = prev.start, p.end_offset
                continue
            if prev.hh is not None and _clocklike(p) and _PAREN_CLOCK.match(gap):
                close = text.find(")", p.end_offset, p.end_offset + 3)
                prev.end_offset = close + 1 if close >= 0 else p.end_offset
                continue
        out.append(p)
    return [_as_duration(text, p) if _pending_shift(p) else p for p in out]


_FROM_GAP = re.compile(r"^\s+from\s+$", re.IGNORECASE)


def _count_of_units(p: Parse) -> tuple[str, int] | None:
    """The unit and count of a plain duration ("a week" = ("W", 1)), else None."""
    if p.type != "DURATION" or p.mod is not None or not p.value:
        return None
    m = re.fullmatch(r"P(\d+)([DWMY])", p.value)
    return (m[2], int(m[1])) if m else None


def _pending_shift(p: Parse) -> bool:
    """'six days after', not (yet) followed by the date it moves."""
    return p.type == "DURATION" and p.shift is not None


def _shiftable(p: Parse) -> bool:
    """A date or time a count of units can move ("20 March 2023", "Friday", "Christmas")."""
    return p.type in {"DATE", "TIME"} and p.value is None and p.end is None and p.shift is None


def _as_duration(text: str, p: Parse) -> Parse:
    """'six days after it collapsed': the duration "six days" (TimeML), without 'after'."""
    m = _TRAILING_DIR.search(text, p.start, p.end_offset)
    out = copy(p, shift=None)
    if m:
        out.end_offset = m.start()
    return out


_APPROX_WORD = re.compile(r"(?:about|around)\s+", re.IGNORECASE)


def _possessive_not_approximate(text: str, p: Parse) -> Parse:
    """'get around Wednesday's ruling': 'around' governs the noun the date modifies (TBAQ)."""
    if p.mod != "APPROX" or not text.startswith("'s", p.end_offset):
        return p
    m = _APPROX_WORD.match(text, p.start, p.end_offset)
    if not m:
        return p
    out = copy(p, mod=None)
    out.start = m.end()
    return out


def _absorb_part_of_day(text: str, p: Parse) -> Parse:
    """'the (early) evening of 10 November' -> 2022-11-10TEV."""
    if not _datelike(p) or p.pod is not None:
        return p
    m = _POD_OF.search(text[max(0, p.start - 40) : p.start])
    if not m:
        return p
    start = p.start - (len(text[max(0, p.start - 40) : p.start]) - m.start())
    merged = copy(p, type="TIME", pod=lx.PARTS_OF_DAY[m["pod"].lower()])
    if m["mod"]:
        merged.mod = "START" if m["mod"].lower() == "early" else "END"
    merged.start, merged.end_offset = start, p.end_offset
    return merged
