"""Word lists and regular-expression fragments of the temporal grammar.

Every list here is English and written by hand from the TimeML annotation guidelines
(TimeML 1.2.1, ISO-TimeML) and from the TempEval-3 *training* data (TBAQ-cleaned); nothing
is taken from the test set. Fragments are meant to be compiled with ``re.IGNORECASE``.
"""

from __future__ import annotations

#: Month names and the abbreviations news agencies use (AP style: Jan., Feb., Aug., Sept.).
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: Month words that are also ordinary English words: accepted only capitalised and, for
#: "May"/"March", only next to a day or a year ("Theresa May", "the march on Kyiv").
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sep", "jun", "jul", "aug", "oct", "apr"})

#: ISO weekday numbers (Monday = 1), names and common abbreviations.
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip

#: Number words up to the tens (compounds "twenty-five" are summed by the grammar).
NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}  # fmt: skip

#: Quantifiers that make the number of units unknown (TIMEX3 "X": PXM, PXY).
VAGUE_QUANTIFIERS = (
    "a few",
    "few",
    "several",
    "many",
    "some",
    "recent",
    "the past few",
    "a number of",
    "numerous",
    "the next few",
    "the last few",
    "the coming",
    "the past",
    "the last",
    "the next",
    "the previous",
    "dozens of",
    "hundreds of",
    "countless",
)

#: Ordinal words (for "the 18th century", "the third quarter").
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip

#: Calendar units -> (TIMEX3 duration letter, whether it is a time unit after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "weekend": ("WE", False),
}  # fmt: skip

#: Parts of the day (TIMEX3 TMO, TAF, TEV, TNI, TDT).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "daytime": "DT", "midday": "MI", "dawn": "MO", "dusk": "EV",
}  # fmt: skip

#: Seasons (TIMEX3 SP, SU, FA, WI).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

#: Words that modify a date and the TIMEX3 ``mod`` they give (TimeML 1.2.1 guidelines, §2.2).
MOD_WORDS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START", "the dawn of": "START",
    "late": "END", "the end of": "END", "the close of": "END", "the latter part of": "END",
    "mid": "MID", "the middle of": "MID", "the mid": "MID", "the height of": "MID",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "some": "APPROX", "circa": "APPROX", "c.": "APPROX",
    "just after": "AFTER", "shortly after": "AFTER", "soon after": "AFTER", "after": "AFTER",
    "just before": "BEFORE", "shortly before": "BEFORE", "before": "BEFORE",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip

#: Named time zones kept on a clock time ("5 a.m. Moscow time", "15:00 GMT").
ZONE_WORDS = r"(?:UTC|GMT|[ECMP][SD]?T|BST|CET|CEST|EET|EEST|MSK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+time)"


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first, with literal dots escaped."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(w.replace(".", r"\.").replace(" ", r"\s+") for w in items)


#: Regex fragments.
MONTH_RE = (
    r"(?:"
    + alternation(k for k in MONTHS if len(k) > 3)
    + r"|may|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
WEEKDAY_RE = (
    r"(?:" + alternation(k for k in WEEKDAYS if len(k) > 4) + r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)"
)
NUMWORD_RE = r"(?:" + alternation(k for k in NUMBER_WORDS if k not in {"a", "an", "half a", "a half"}) + r")"
NUM_RE = (
    r"(?:\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|"
    + NUMWORD_RE
    + r")"
)
UNIT_RE = r"(?:" + alternation(UNITS) + r")"
POD_RE = r"(?:" + alternation(PARTS_OF_DAY) + r")"
SEASON_RE = r"(?:" + alternation(SEASONS) + r")"
ORDINAL_RE = r"(?:\d{1,2}(?:st|nd|rd|th)|" + alternation(ORDINALS) + r")"
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[0-9]\d\d|20\d\d)"
