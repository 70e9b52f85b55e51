"""Quantity expressions in plain text: number, range, qualifier, unit, rate.

Pure helpers. ``find_quantities`` reads every quantity expression in a text: the number
(digits or words), a range ("from 4,000 to 7,000", "4,000–7,000", "between 44 and 50"), a
qualifier before it ("at least", "about", "up to"…) kept with the ``low``/``high`` bound it
implies, a currency sign, a unit of measure and a rate ("per day", "daily"). Numbers that
are parts of dates, clock times, years, ordinals, decades and identifiers are left out here;
whether a bare count is a *claim* (it needs a counted thing) is decided by the spaCy
component, which can see the noun the number modifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.claims.numbers import NumberMatch, find_numbers
from dossier.claims.units import currency_after, currency_before, display_unit, match_rate, match_unit

#: Qualifier phrase -> the bound it implies: "low" (value is a lower bound), "high" (an
#: upper bound), "approx" (an estimate around the value). Source: the approximators and
#: bounds of the issue plus their usual news synonyms (AP style guide, "more than"/"over").
QUALIFIERS: dict[str, str] = {
    "at least": "low",
    "more than": "low",
    "over": "low",
    "above": "low",
    "upwards of": "low",
    "in excess of": "low",
    "no fewer than": "low",
    "no less than": "low",
    "just over": "low",
    "well over": "low",
    "at minimum": "low",
    "a minimum of": "low",
    "as a minimum": "low",
    "at most": "high",
    "up to": "high",
    "as many as": "high",
    "as much as": "high",
    "no more than": "high",
    "fewer than": "high",
    "less than": "high",
    "under": "high",
    "just under": "high",
    "below": "high",
    "nearly": "high",
    "almost": "high",
    "a maximum of": "high",
    "not more than": "high",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
    "circa": "approx",
    "ca.": "approx",
    "c.": "approx",
    "somewhere around": "approx",
    "around about": "approx",
    "perhaps": "approx",
    "possibly": "approx",
    "an approximate": "approx",
    "exactly": "exact",
    "precisely": "exact",
}
_QUALIFIER = re.compile(
    r"(?<![A-Za-z])(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+$",
    re.I,
)
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_BEFORE = re.compile(rf"(?:{_MONTHS})\.?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"\s*(?:(?:st|nd|rd|th)\s+(?:of\s+)?)?(?:{_MONTHS})\b\.?")
_CLOCK_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o'clock|hrs?\s+GMT|GMT|UTC)", re.I)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b|-(?:st|nd|rd|th)\b")
_ID_BEFORE = re.compile(r"(?:[A-Za-z][-‐]|[A-Za-z]|No\.\s?|#|№\s?|[:/+])$")
_ID_AFTER = re.compile(r"[:/]\d|[A-Za-z]*\d|\.\d|-[A-Z]|'?s\b")
#: "Smith[12]": a reference marker (a footnote number pasted to the word it backs).
_REF_BEFORE = re.compile(r"[^\s\[]\[$")
_RANGE_JOIN = re.compile(r"-?\s*(?:-|–|—|‐|to|through|and)\s*", re.I)
_FROM_BEFORE = re.compile(r"(?P<w>from|between)\s+$", re.I)
_OF_NEXT = re.compile(r"\s+of\b")
_OF_ONE = re.compile(r"\s+of\s+[a-z]+")
_OF_TWO = re.compile(r"\s+of\s+[a-z]+\s+[a-z]+")
_CENTURY_AFTER = re.compile(r"[-\s]*(?:century|centuries|millennium)\b", re.I)
#: "a third of", "one quarter of": a share written as a fraction word, in percent.
_SHARE_OF = re.compile(
    r"(?<![A-Za-z])(?:(?P<pre>about|nearly|almost|more than|less than|over|roughly|some)\s+)?"
    r"(?P<n>a|one)[\s-]+(?P<f>third|quarter|fifth|tenth)\s+of\b",
    re.I,
)
_SHARE_DEN = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_HALF_OF = re.compile(
    r"(?<![A-Za-z])(?:(?P<pre>about|nearly|almost|more than|less than|over)\s+)?half\s+(?:of\s+)?"
    r"(?=the\b|its\b|their\b|his\b|her\b|all\b)",
    re.I,
)
_VAGUE = re.compile(
    r"(?<![A-Za-z])(?P<q>(?:dozens|tens|hundreds|thousands|millions)(?:\s+of\s+(?:thousands|millions))?)\s+of\b",
    re.I,
)
_VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity expression found in a text."""

    start: int
    end: int
    """The whole expression, qualifier and unit included."""
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    """Canonical unit name (``units`` module), None for a bare count."""
    kind: str = "count"
    """count | measure kind (length, time, percent, currency…)"""
    qualifier: str | None = None
    rate: str | None = None
    """The time unit of a rate ("day" for "per day", "daily")."""
    number_start: int = 0
    number_end: int = 0
    """The number (or range) alone."""
    words: bool = False
    """The number is written in words."""
    vague: bool = False
    """'hundreds of', 'half of': no exact number written."""

    @property
    def display_unit(self) -> str | None:
        """The unit as a claim shows it ("percent", "kilometre per day")."""
        return display_unit(self.unit, self.rate)


def excluded(text: str, n: NumberMatch) -> str | None:
    """Why the number ``n`` is not a quantity (a date, a time, a year…), or None."""
    before, after = text[max(0, n.start - 40) : n.start], text[n.end : n.end + 40]
    if not n.words:
        if _REF_BEFORE.search(before) and after.startswith("]"):
            return "reference"
        if _ORDINAL_AFTER.match(after):
            return "ordinal"
        if _CLOCK_AFTER.match(after) or re.match(r":\d\d", after) or re.search(r"\d:$", before):
            return "time"
        if _ID_BEFORE.search(before) or _ID_AFTER.match(after):
            return "identifier"
        if (
            n.value.is_integer()
            and 1000 <= n.value <= 2100
            and "," not in n.text
            and len(n.text) == 4
            and not match_unit(text, n.end)
            and not currency_before(text, n.start)
        ):
            return "year"
        if _MONTH_BEFORE.search(before) and n.value <= 31 or _MONTH_AFTER.match(after) and n.value <= 31:
            return "date"
    if _CENTURY_AFTER.match(after) or re.match(r"(?:st|nd|rd|th)[-\s]+century", after, re.I):
        return "century"
    return None


def _qualifier(text: str, start: int) -> tuple[int, str | None]:
    """The qualifier ending at ``start`` (with its start offset), if any."""
    m = _QUALIFIER.search(text[max(0, start - 30) : start])
    if not m:
        return start, None
    return start - (len(m.string) - m.start()), " ".join(m.group("q").lower().split())


def _bounds(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    kind = QUALIFIERS.get(qualifier or "")
    if kind == "low":
        return value, None
    if kind == "high":
        return None, value
    return None, None


def _range_partner(text: str, numbers: list[NumberMatch], i: int) -> int | None:
    """Index of the number that closes a range opened by ``numbers[i]``, if any."""
    if i + 1 >= len(numbers):
        return None
    first, second = numbers[i], numbers[i + 1]
    gap_start = first.end
    unit = match_unit(text, first.end)
    if unit:
        gap_start = unit.end
    join = _RANGE_JOIN.fullmatch(text, gap_start, second.start)
    if not join:
        # "$350 per kg to $680 per kg", "-18 °C to -34 °C": the currency sign after the join
        cur = currency_before(text, second.start)
        if not (cur and _RANGE_JOIN.fullmatch(text, gap_start, cur[0])):
            return None
        join = _RANGE_JOIN.fullmatch(text, gap_start, cur[0])
    word = (join.group().strip() if join else "").lower()
    opener = _FROM_BEFORE.search(text[max(0, first.start - 12) : first.start])
    if word == "and" and not (opener and opener.group("w").lower() == "between"):
        return None
    if word in ("-", "–", "—", "‐") and first.words != second.words:
        return None
    if (
        word in ("-", "–", "‐")
        and not unit
        and first.value > second.value
        and text[gap_start : second.start] in "-–‐"
    ):
        return -1  # "6-5", "7–6": a score, not a range
    if unit and match_unit(text, second.end) and match_unit(text, second.end).name != unit.name:  # type: ignore[union-attr]
        return None
    if excluded(text, second) or excluded(text, first):
        return None
    return i + 1


def _quantity(text: str, first: NumberMatch, last: NumberMatch | None) -> Quantity:
    """Build the quantity for a number (or a range first..last)."""
    num_start, num_end = first.start, (last or first).end
    start, end = num_start, num_end
    currency = currency_before(text, num_start)
    unit_name, kind = None, "count"
    scale = 1.0
    if currency:
        start, unit_name, kind = currency[0], currency[1], "currency"
        if re.match(r"m(?![A-Za-z])", text[num_end : num_end + 2]):  # "$5m": after money, m is million
            num_end, scale = num_end + 1, 1_000_000.0
            end = num_end
    after = currency_after(text, num_end) if not currency else None
    if after:
        end, unit_name, kind = after[0], after[1], "currency"
        currency = (start, after[1])
    unit = match_unit(text, num_end)
    if unit is None and last is not None:
        unit = match_unit(text, first.end)
    if unit and not currency:
        end, unit_name, kind = max(end, unit.end), unit.name, unit.kind
    elif unit and currency and unit.kind == "currency":
        end = max(end, unit.end)
    rate = match_rate(text, end)
    if rate is None:  # "4,500 tons of grain a day": the rate after what is measured
        for of in (_OF_ONE.match(text, end), _OF_TWO.match(text, end)):
            later = match_rate(text, of.end()) if of else None
            if later:
                rate = (end, later[1])
                break
    rate_unit = None
    if rate and rate[1] != unit_name:
        end, rate_unit = rate[0], rate[1]
    low = high = value = None
    qualifier = None
    if last is not None:
        low, high = first.value * scale, last.value * scale
        opener = _FROM_BEFORE.search(text[max(0, start - 12) : start])
        if opener:
            start -= len(opener.group())
    else:
        value = first.value * scale
    q_start, qualifier = _qualifier(text, start)
    if qualifier and last is None:
        start = q_start
        low, high = _bounds(first.value * scale, qualifier)
    elif qualifier:
        start = q_start
    if (
        value is not None
        and first.words
        and 0 < value < 1
        and unit_name is None
        and _OF_NEXT.match(text, end)
    ):
        value, unit_name, kind = round(value * 100, 2), "percentage", "percent"  # "two-thirds of voters"
        low, high = _bounds(value, qualifier)
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        unit=unit_name,
        kind=kind,
        qualifier=qualifier,
        rate=rate_unit,
        number_start=num_start,
        number_end=num_end,
        words=first.words,
    )


def _joined_to_date(text: str, numbers: list[NumberMatch], i: int) -> bool:
    """ "9 to 11 November", "1970–79": a number joined to a date or a year is one too."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(numbers):
            continue
        a, b = (numbers[j], numbers[i]) if j < i else (numbers[i], numbers[j])
        if _RANGE_JOIN.fullmatch(text, a.end, b.start) and excluded(text, numbers[j]) in ("date", "year"):
            return True
    return False


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right.

    Args:
        text: any text (a sentence, a paragraph, a whole document).

    Returns:
        Quantities with offsets into ``text``; never raises on arbitrary input.
    """
    numbers = find_numbers(text)
    found: list[Quantity] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        partner = _range_partner(text, numbers, i)
        if partner == -1:  # a score: neither number is a quantity
            i += 2
            continue
        if partner is not None:
            found.append(_quantity(text, n, numbers[partner]))
            i = partner + 1
            continue
        if excluded(text, n) is None and not _joined_to_date(text, numbers, i):
            found.append(_quantity(text, n, None))
        i += 1
    found.extend(_vague_quantities(text, found))
    found.sort(key=lambda q: q.start)
    return found


def _vague_quantities(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "half of the soldiers" (50 percent) and "tens of thousands of" (a range)."""
    out: list[Quantity] = []
    taken = [(q.start, q.end) for q in found]
    for m in _HALF_OF.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        pre = m.group("pre")
        qualifier = f"{pre.lower()} half of" if pre else "half of"
        low, high = _bounds(50.0, pre.lower() if pre else None)
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        half_at = m.start() + m.group().lower().find("half")
        out.append(
            Quantity(
                m.start(),
                end,
                text[m.start() : end],
                50.0,
                low,
                high,
                "percentage",
                "percent",
                qualifier,
                None,
                half_at,
                half_at + 4,
                True,
                True,
            )
        )
    for m in _SHARE_OF.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        pre = (m.group("pre") or "").lower() or None
        value = round(100 / _SHARE_DEN[m.group("f").lower()], 2)
        low, high = _bounds(value, pre)
        end = m.end("f")
        share = f"{m.group('n').lower()} {m.group('f').lower()} of"
        out.append(
            Quantity(
                m.start(),
                end,
                text[m.start() : end],
                value,
                low,
                high,
                "percentage",
                "percent",
                f"{pre} {share}" if pre else share,
                None,
                m.start("n"),
                end,
                True,
                True,
            )
        )
    for m in _VAGUE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        key = " ".join(m.group("q").lower().split())
        low, high = _VAGUE_RANGES[key]
        end = m.start() + len(m.group("q"))
        out.append(
            Quantity(
                m.start(),
                end,
                text[m.start() : end],
                None,
                low,
                high,
                None,
                "count",
                key,
                None,
                m.start(),
                end,
                True,
                True,
            )
        )
    return out
