"""Anchoring: from a ``Parse`` and a reference time to a TIMEX3 value.

Two references, as in HeidelTime's news and narrative modes:

- the document creation time (DCT) for deictic expressions ("Friday", "last year", "two
  months ago"), with the tense of the clause choosing the direction (a past-tense "on
  Friday" is the most recent Friday on or before the DCT, a future one the next);
- the narrative: the last date mentioned for anaphora ("the same day", "the previous
  day", "later that day") and the year frame for year-less dates in encyclopedic text
  ("10 November" after "9 to 11 November 2022").

With no reference at all a relative expression keeps an underspecified value
(``XXXX-WXX-5``, ``XXXX-02-24``) and its rule, never an invented date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dossier.temporal.parse import Parse, to_rule

#: Directions a tense gives an underspecified date (present-tense news reports events of
#: the day or just before, so present reads as past).
TENSE_DIRECTION = {"past": "past", "present": "nearest", "future": "future"}

#: A day and month a few days before the DCT in a future-tense clause stays in the DCT's
#: year: "must return the boy by Jan. 14" read on 15 January is that Jan. 14, not one a
#: year later (tuned on TBAQ-cleaned; news seldom names a day 51 weeks ahead by day and
#: month alone). Past tense is not relaxed ("the quarter ended Oct. 31" read on 27 October
#: is last year's), nor explicit "next".
DAY_SLACK = 7


@dataclass(slots=True)
class Frame:
    """The reference times while a document is read in order.

    Attributes:
        dct: the document creation time, if known.
        narrative: use the narrative (not the DCT) for year-less dates and weekdays.
        last: the last day-precision date mentioned.
        year: the year of the narrative frame (last explicit month-precision date).
        weak_year: the last bare year mentioned (used when no ``year`` yet).
        last_month: (year, month) of the last date of month precision or finer mentioned.
        last_year: the year of the last date of any precision mentioned ("later that
            year" after "in June 1998" is 1998, whatever day was named before).
    """

    dct: dt.date | None = None
    narrative: bool = False
    last: dt.date | None = None
    year: int | None = None
    weak_year: int | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None

    def frame_year(self) -> int | None:
        """The year a year-less date in the narrative belongs to."""
        if self.year is not None:
            return self.year
        if self.weak_year is not None:
            return self.weak_year
        return self.dct.year if self.dct else None


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str | None
    anchor: str | None
    rule: str | None


def parse_iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO value's day part (``2022-11-11``, ``2022-11-11T03:00``), else None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# -- calendar arithmetic -------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's length (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (D, W, WE, M, Q, Y, DE, CE, H, S, MIN)."""
    if unit in {"D", "H", "S", "MIN"}:
        return day + dt.timedelta(days=n if unit == "D" else 0)
    if unit in {"W", "WE"}:
        return day + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
    return add_months(day, months)


def fmt(day: dt.date, gran: str) -> str:
    """``day`` as a TIMEX3 value at granularity ``gran``."""
    if gran in {"D", "H", "S", "MIN"}:
        return day.isoformat()
    if gran in {"W", "WE"}:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "Y":
        return f"{day.year:04d}"
    if gran == "DE":
        return f"{day.year:04d}"[:3]
    return f"{day.year:04d}"[:2]  # CE


def weekday_near(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of ISO ``weekday`` near ``ref``.

    Args:
        ref: the reference date.
        weekday: ISO weekday, Monday = 1.
        direction: ``past`` on or before ref, ``future`` on or after, ``last`` strictly
            before, ``next`` strictly after, ``this`` in ref's ISO week.
    """
    diff = weekday - ref.isoweekday()
    if direction == "this":
        return ref + dt.timedelta(days=diff)
    if direction in {"past", "last"}:
        back = (-diff) % 7
        if back == 0 and direction == "last":
            back = 7
        return ref - dt.timedelta(days=back)
    if direction == "nearest":
        back = (-diff) % 7
        return ref - dt.timedelta(days=back) if back <= 3 else ref + dt.timedelta(days=7 - back)
    ahead = diff % 7
    if ahead == 0 and direction == "next":
        ahead = 7
    return ref + dt.timedelta(days=ahead)


def _year_for(month: int, day: int | None, ref: dt.date, direction: str) -> int:
    """The year that puts month/day on the right side of ``ref``."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidates.append(
            (year, dt.date(year, month, min(day or 1, last)), dt.date(year, month, min(day or last, last)))
        )
    if direction == "this":
        return ref.year
    slack = dt.timedelta(days=DAY_SLACK if day is not None and direction == "future" else 0)
    if direction in {"past", "last"}:
        ok = [y for y, first, _ in candidates if first <= ref]
        return max(ok)
    if direction in {"future", "next"}:
        ok = [y for y, _, last in candidates if last >= ref - slack]
        return min(ok)
    return min(candidates, key=lambda c: abs((c[1] - ref).days))[0]


def _quarter_value(p: Parse, ref: dt.date, direction: str) -> str:
    """'the third quarter': of the DCT's year, unless the tense puts it a year off."""
    current = (ref.month - 1) // 3 + 1
    year = ref.year
    if direction in {"past", "last"} and (p.quarter or 0) > current:
        year -= 1
    elif direction in {"future", "next"} and (p.quarter or 0) < current - 1:
        # the quarter just ended is still ahead in the news: its results are reported
        # after it ("expects to report a third-quarter loss" in October; TBAQ: 5 of 5)
        year += 1
    return f"{year:04d}-Q{p.quarter}"


def _year_matching_weekday(p: Parse, ref: dt.date, default: int) -> int:
    """'Monday, Oct. 26': the year near ``ref`` in which that date is that weekday."""
    for year in (ref.year, ref.year + 1, ref.year - 1):
        try:
            if dt.date(year, p.m or 1, p.d or 1).isoweekday() == p.wd:
                return year
        except ValueError:
            continue
    return default


# -- value building ------------------------------------------------------------------------
def _time_suffix(p: Parse) -> str:
    if p.hh is not None:
        return f"T{p.hh:02d}:{p.mi or 0:02d}"
    if p.pod:
        return f"T{p.pod}"
    return ""


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a movable holiday in ``year`` (US federal rules; Western Easter)."""
    if name in {"easter", "good_friday"}:
        # Anonymous Gregorian computus (Meeus/Jones/Butcher)
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 19 * l_) // 433
        e_month, e_day = divmod(h + l_ - 7 * m + 114, 31)
        easter = dt.date(year, e_month, e_day + 1)
        return easter - dt.timedelta(days=2) if name == "good_friday" else easter
    if name == "memorial_day":
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=(last.isoweekday() - 1) % 7)
    month, weekday, nth = {"thanksgiving": (11, 4, 4), "labor_day": (9, 1, 1), "election_day": (11, 1, 1),
                           "presidents_day": (2, 1, 3), "mlk_day": (1, 1, 3), "columbus_day": (10, 1, 2),
                           "mothers_day": (5, 7, 2), "fathers_day": (6, 7, 3)}[name]  # fmt: skip
    first = dt.date(year, month, 1)
    found = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    return found + dt.timedelta(days=1) if name == "election_day" else found


def _explicit(p: Parse, year: int | None) -> tuple[str, dt.date | None]:
    """Value of a calendar date whose year is known (or unknown: XXXX)."""
    ytxt = f"{year:04d}" if year is not None else "XXXX"
    if p.holiday and year is not None:
        feast = holiday_date(p.holiday, year)
        return feast.isoformat(), feast
    if p.m is not None and p.d is not None:
        day: dt.date | None = None
        if year is not None:
            try:
                day = dt.date(year, p.m, p.d)
            except ValueError:
                return f"{ytxt}-{p.m:02d}-{p.d:02d}", None
        return f"{ytxt}-{p.m:02d}-{p.d:02d}", day
    if p.m is not None:
        return f"{ytxt}-{p.m:02d}", None
    if p.season:
        return f"{ytxt}-{p.season}", None
    if p.quarter:
        return f"{ytxt}-Q{p.quarter}", None
    if p.half:
        return f"{ytxt}-H{p.half}", None
    return ytxt, None


def _direction(p: Parse, tense: str | None) -> str:
    if p.dir:
        return p.dir
    if tense is None:
        # no parse: a weekday in news is most often a past one; a month-day the nearest
        return "past" if p.wd is not None and p.m is None else "nearest"
    return TENSE_DIRECTION.get(tense, "nearest")


def _reference(p: Parse, frame: Frame) -> tuple[dt.date | None, str]:
    """The reference date and the anchor kind for a relative expression."""
    if p.ana:
        if frame.last is not None:
            return frame.last, "narrative"
        return frame.dct, "dct"
    if frame.narrative or frame.dct is None:
        if frame.dct is not None:
            return frame.dct, "dct"
        if frame.narrative and frame.last is not None:
            return frame.last, "narrative"
        return None, "dct"
    return frame.dct, "dct"


def _calendar_value(p: Parse, frame: Frame, direction: str) -> tuple[str, str, dt.date | None]:
    """Value, anchor and day of an expression built on calendar fields."""
    if p.y is not None:
        value, day = _explicit(p, p.y)
        return value, "absolute", day
    month = (
        p.m
        or (p.quarter * 3 - 2 if p.quarter else None)
        or ({"SP": 4, "SU": 7, "FA": 10, "WI": 1}.get(p.season or ""))
    )
    if month is None:
        month = 1 if p.half == 1 else 7
    if frame.narrative and frame.frame_year() is not None:
        value, day = _explicit(p, frame.frame_year())
        return value, "narrative", day
    if frame.dct is not None and p.quarter and p.m is None:
        return _quarter_value(p, frame.dct, direction), "dct", None
    if frame.dct is not None:
        year = _year_for(month, p.d, frame.dct, direction)
        if p.wd is not None and p.d is not None:
            year = _year_matching_weekday(p, frame.dct, year)
        value, day = _explicit(p, year)
        return value, "dct", day
    value, _ = _explicit(p, None)  # news with no DCT yet: keep it open, re-anchor later
    return value, "dct", None


def _relative_value(p: Parse, frame: Frame) -> tuple[str | None, str, dt.date | None]:
    """Value of a deictic or anaphoric offset ("yesterday", "the previous day", "last year")."""
    assert p.rel is not None
    unit, n = p.rel
    gran = p.gran or unit
    if p.season:
        ref, anchor = _reference(p, frame)
        if ref is None:
            return f"XXXX-{p.season}", anchor, None
        return f"{_season_year(p.season, ref, n):04d}-{p.season}", anchor, None
    # "that year", "the following month" (the grammar sets ``gran``): the year or month last
    # mentioned; not "a year earlier" (in reports, the period compared, from the DCT).
    if p.ana and unit == "Y" and p.gran == "Y" and frame.last_year is not None:
        return f"{frame.last_year + n:04d}", "narrative", None
    if p.ana and unit == "M" and p.gran == "M" and frame.last_month is not None:
        moved = add_months(dt.date(frame.last_month[0], frame.last_month[1], 1), n)
        return fmt(moved, "M"), "narrative", None
    if p.ana and unit == "Y" and frame.frame_year() is not None and frame.last is None:
        return f"{frame.frame_year() + n:04d}", "narrative", None  # type: ignore[operator]
    ref, anchor = _reference(p, frame)
    if ref is None:
        return _unresolved(gran), anchor, None
    if gran == "WE" and p.dir == "past" and ref.isoweekday() < 6:
        n -= 1  # "the weekend" read on a weekday: the one just gone
    day = shift(ref, unit, n)
    return fmt(day, gran), anchor, day if gran == "D" else None


#: First and last month of each season (winter is left to the year arithmetic).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


def _season_year(season: str, ref: dt.date, n: int) -> int:
    """The year of 'last'/'this'/'next' season: 'last spring' read in October is this
    year's (the most recent one gone), read in March last year's."""
    months = _SEASON_MONTHS.get(season)
    if months is None or n == 0:
        return ref.year + n
    if n < 0:
        return ref.year + n + (1 if ref.month > months[1] else 0)
    return ref.year + n - (1 if ref.month < months[0] else 0)


def _unresolved(gran: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
            "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(gran, "XXXX-XX-XX")  # fmt: skip


def _weekday_value(p: Parse, frame: Frame, direction: str) -> tuple[str, str, dt.date | None]:
    assert p.wd is not None
    ref, anchor = _reference(p, frame)
    if ref is None:
        return f"XXXX-WXX-{p.wd}", anchor, None
    day = weekday_near(ref, p.wd, direction)
    return day.isoformat(), anchor, day


def _day_of_clock(frame: Frame) -> tuple[dt.date | None, str]:
    """A bare clock time happens on the DCT day in news, on the last date in narrative."""
    if frame.narrative and frame.last is not None:
        return frame.last, "narrative"
    if frame.dct is not None:
        return frame.dct, "dct"
    return frame.last, "narrative" if frame.last else "dct"


def resolve(p: Parse, frame: Frame, tense: str | None = None) -> Resolution:
    """The TIMEX3 value of a parse, and update the frame with what it mentions.

    Args:
        p: the parse.
        frame: the reference times; updated in place (last date, year frame).
        tense: the tense of the clause ("past", "present", "future" or None).

    Returns:
        The value (None if it cannot be formed), its anchor and the rule to re-resolve it.
    """
    try:
        return _resolve(p, frame, tense)
    except (ValueError, OverflowError, AssertionError):
        return Resolution(None, None, None)


def _resolve(p: Parse, frame: Frame, tense: str | None) -> Resolution:
    direction = _direction(p, tense)
    if p.end is not None:
        return _interval(p, frame, direction)
    if p.type in {"DURATION", "SET"} or (p.value is not None and p.rel is None and not p.ana):
        anchor = (
            "dct"
            if p.value in {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
            else (None if p.type in {"DURATION", "SET"} else "absolute")
        )
        if p.value and p.type == "DATE" and re.fullmatch(r"\d{2,4}", p.value) and len(p.value) == 4:
            frame.weak_year = int(p.value)
        return Resolution(p.value, anchor, None)
    day: dt.date | None
    if p.rel is not None:
        value, anchor, day = _relative_value(p, frame)
    elif p.wd is not None and p.d is None:
        value, anchor, day = _weekday_value(p, frame, direction)
    elif p.m is not None or p.y is not None or p.season or p.quarter or p.half:
        value, anchor, day = _calendar_value(p, frame, direction)
    elif p.hh is not None or p.pod:
        day, anchor = _day_of_clock(frame)
        value = day.isoformat() if day else "XXXX-XX-XX"
    else:
        return Resolution(None, None, None)
    if p.shift is not None and value is not None:
        value, day = _shifted(value, p.shift)
    if (
        value is not None
        and p.type == "TIME"
        and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d|XXXX-XX-XX|XXXX-WXX-\d", value)
    ):
        value += _time_suffix(p)
    _remember(p, frame, anchor, day)
    observe_value(frame, value)
    rule = to_rule(_with_dir(p, direction)) if anchor in {"dct", "narrative"} and p.is_relative else None
    return Resolution(value, anchor, rule)


def _shifted(value: str, by: tuple[str, int]) -> tuple[str, dt.date | None]:
    """A date value moved by a count of units, kept at the date's own granularity.

    ("six days after 20 March 2023" = 2023-03-26; "two years after 2001" = 2003; "three
    months after March 2020" = 2020-06.) An underspecified value stays as it is.
    """
    unit, n = by
    if unit in {"H", "MIN", "S"}:
        return value, parse_iso_date(value)  # a clock shift is not worked out to the minute
    day = parse_iso_date(value)
    if day is not None:
        moved = shift(day, unit, n)
        return moved.isoformat(), moved
    part = re.fullmatch(r"(\d{4})(-(?:Q[1-4]|H[12]|SP|SU|FA|WI))", value)
    if part and unit == "Y":
        return f"{int(part[1]) + n:04d}{part[2]}", None  # "next year's first quarter"
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?", value)
    if not m:
        return value, None
    moved = shift(dt.date(int(m[1]), int(m[2] or 1), 1), unit, n)
    return fmt(moved, "M" if m[2] else "Y"), None


def _with_dir(p: Parse, direction: str) -> Parse:
    from dossier.temporal.parse import copy

    return copy(p, dir=direction) if p.wd is not None or (p.y is None and p.m is not None) else p


def observe_value(frame: Frame, value: str | None) -> None:
    """Note the year (and month) of a date value just read, for "that year", "that month"."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?!\d))?", value or "")
    if m is None or re.match(r"\d{4}-W", value or ""):
        return
    frame.last_year = int(m[1])
    frame.last_month = (int(m[1]), int(m[2])) if m[2] and 1 <= int(m[2]) <= 12 else None


def _remember(p: Parse, frame: Frame, anchor: str | None, day: dt.date | None) -> None:
    """Move the narrative frame on past a date just read."""
    if day is not None:
        frame.last = day
    if p.y is not None and anchor == "absolute":
        if p.m is not None or p.season or p.quarter:
            frame.year = p.y
        else:
            frame.weak_year = p.y
    elif day is not None and anchor == "narrative" and p.rel is None:
        frame.year = day.year


def _interval(p: Parse, frame: Frame, direction: str) -> Resolution:
    """'9 to 11 November 2022' -> 2022-11-09/2022-11-11."""
    assert p.end is not None
    start = p
    if start.y is None and p.end.y is not None:
        start = _fill(p, y=p.end.y)
    first = _resolve(_fill(start, end=None), frame, None if direction == "past" else direction)
    second = _resolve(p.end, frame, None if direction == "past" else direction)
    if first.value is None or second.value is None:
        return Resolution(None, None, None)
    anchor = "absolute" if first.anchor == second.anchor == "absolute" else (second.anchor or first.anchor)
    rule = to_rule(p) if anchor != "absolute" else None
    return Resolution(f"{first.value}/{second.value}", anchor, rule)


def _fill(p: Parse, **changes: object) -> Parse:
    from dossier.temporal.parse import copy

    return copy(p, **changes)
