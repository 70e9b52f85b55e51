"""Numbers in digits and in words, read from plain text.

Pure helpers (no spaCy): ``parse_number`` turns one written number into a float and
``find_numbers`` finds every written number in a text with its character offsets. Dates,
clock times, ordinals and identifiers are not told apart here; ``dossier.claims.extract``
does that with the context around each number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Cardinal number words (English). Source: any English grammar. "dozen" is a multiplier
# ("two dozen" = 24, "a dozen" = 12) like "hundred"; "several dozen" is no number.
UNITS_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS: dict[str, int] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
#: Abbreviated scales after digits: "10M", "0.5k", "$2.174T", "$3bn", "1.2 mln".
SCALE_SUFFIXES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "t": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
#: Fractions written as words after a number word ("two thirds", "one sixth").
FRACTION_WORDS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
#: Fraction words that are also ordinals: a fraction only after "one" ("one third").
_ORDINAL_LIKE = frozenset({"third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅛": 0.125,
}

NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS)

_VULGAR = "".join(VULGAR_FRACTIONS)
#: A number in digits: thousands separators (comma, thin/no-break space, or a single space
#: between groups of three), decimals, an optional attached scale suffix or vulgar fraction.
DIGITS = re.compile(
    rf"""(?<![\w.,/])
    (?P<sign>[-−])?
    (?P<int>\d{{1,3}}(?:(?:,|\u202f|\u00a0|\ (?=\d{{3}}(?!\d)))\d{{3}})+|\d+)
    (?P<dec>\.\d+)?
    (?:\ ?(?P<frac>\d+/\d+)|(?P<vulgar>[{_VULGAR}]))?
    (?P<suffix>(?:k|K|M|B|T|bn|mn|mln|tn)(?![A-Za-z]))?
    (?!/\d|\d)
    """,
    re.VERBOSE,
)
#: Scientific notation: "4e14", "-1e-3", "2.48×10−5", "8x2^10".
SCIENTIFIC = re.compile(
    r"(?<![\w.])(?P<m>[-−]?\d+(?:\.\d+)?)(?:[eE](?P<e>[-−+]?\d+)|\s?[×x]\s?(?P<b>10|2)\^?(?P<p>[-−]?\d+))(?![\w.])"
)
_FRACTION_ONLY = re.compile(r"(?<![\w./])(\d+)/(\d+)(?![\w/])")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One written number found in a text."""

    start: int
    end: int
    text: str
    value: float
    words: bool = False
    """Written in words ("six", "a hundred and two")."""


def _words_value(tokens: list[str]) -> float | None:
    """The value of a sequence of number words, or None if it is not well formed."""
    total, current, seen = 0.0, 0.0, False
    for word in tokens:
        w = word.lower()
        if w in ("a", "an"):
            current = max(current, 1.0)
            continue
        if w in ("and", "&"):
            continue
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in TENS_WORDS and parts[1] in UNITS_WORDS:
            current += TENS_WORDS[parts[0]] + UNITS_WORDS[parts[1]]
        elif w in UNITS_WORDS:
            current += UNITS_WORDS[w]
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
        elif w in SCALE_WORDS:
            scale = SCALE_WORDS[w]
            current = max(current, 1.0)
            if scale <= 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Read one written number.

    Args:
        text: "6", "20,000", "4.5", "0.5k", "1.2 million", "six", "twenty-one",
            "a hundred and two", "2 1/2", "1/4", "½", "two thirds".

    Returns:
        Its value, or None when ``text`` is not a number.
    """
    s = text.strip()
    if not s:
        return None
    match = DIGITS.fullmatch(s)
    if match:
        return _digits_value(match)
    frac = _FRACTION_ONLY.fullmatch(s)
    if frac:
        return _fraction(frac.group(1), frac.group(2))
    if s in VULGAR_FRACTIONS:
        return VULGAR_FRACTIONS[s]
    scaled = re.fullmatch(r"(.+?)\s+(hundred|thousand|million|billion|trillion)", s, re.I)
    if scaled and DIGITS.fullmatch(scaled.group(1)):
        inner = _digits_value(DIGITS.fullmatch(scaled.group(1)))  # type: ignore[arg-type]
        return None if inner is None else inner * SCALE_WORDS[scaled.group(2).lower()]
    tokens = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*|&", s.replace(",", " "))
    if tokens and tokens[-1].lower() in FRACTION_WORDS and len(tokens) >= 2:
        num = _words_value(tokens[:-1])
        if num is not None:
            return num / FRACTION_WORDS[tokens[-1].lower()]
    if len(tokens) == 1 and "-" in tokens[0]:
        head, _, tail = tokens[0].partition("-")
        if tail.lower() in FRACTION_WORDS and head.lower() in UNITS_WORDS:  # "one-half"
            return UNITS_WORDS[head.lower()] / FRACTION_WORDS[tail.lower()]
    return _words_value(tokens) if tokens else None


def _fraction(num: str, den: str) -> float | None:
    return None if int(den) == 0 else int(num) / int(den)


def _digits_value(match: re.Match[str]) -> float | None:
    """The value of a ``DIGITS`` match."""
    integer = re.sub(r"[,\u202f\u00a0 ]", "", match.group("int"))
    value = float(integer + (match.group("dec") or ""))
    if match.group("frac"):
        num, den = match.group("frac").split("/")
        part = _fraction(num, den)
        if part is None:
            return None
        value += part
    if match.group("vulgar"):
        value += VULGAR_FRACTIONS[match.group("vulgar")]
    if match.group("suffix"):
        value *= SCALE_SUFFIXES[match.group("suffix").lower()]
    if match.group("sign"):
        value = -value
    return value


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    """Words (letters, hyphenated compounds) and '&' with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*|&", text)]


def _is_number_word(word: str) -> bool:
    w = word.lower()
    if w in NUMBER_WORDS:
        return True
    head, _, tail = w.partition("-")
    return bool(tail) and head in TENS_WORDS and tail in UNITS_WORDS


def _find_word_numbers(text: str) -> list[NumberMatch]:
    """Numbers written in words: "six", "a hundred and two", "three million, two hundred & forty"."""
    found: list[NumberMatch] = []
    words = _word_spans(text)
    i = 0
    while i < len(words):
        start, stop, word = words[i]
        head, _, tail = word.lower().partition("-")
        if head in UNITS_WORDS and tail in FRACTION_WORDS and "-" not in tail:  # "one-half", "three-quarters"
            found.append(NumberMatch(start, stop, word, UNITS_WORDS[head] / FRACTION_WORDS[tail], True))
            i += 1
            continue
        if tail and head in UNITS_WORDS | TENS_WORDS and not _is_number_word(word):  # "two-year"
            found.append(
                NumberMatch(start, start + len(head), word[: len(head)], _words_value([head]) or 0.0, True)
            )
            i += 1
            continue
        lead = word.lower() in ("a", "an") and i + 1 < len(words) and words[i + 1][2].lower() in SCALE_WORDS
        if not (_is_number_word(word) or lead):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            gap = text[words[j - 1][1] : words[j][0]]
            w = words[j][2]
            if gap.strip(" ,") or "\n" in gap:
                break
            if _is_number_word(w) or (
                w.lower() in ("and", "&")
                and j + 1 < len(words)
                and _is_number_word(words[j + 1][2])
                and words[j - 1][2].lower() in SCALE_WORDS
            ):
                j += 1
            else:
                break
            if "," in gap and words[j - 2][2].lower() not in SCALE_WORDS:
                j -= 1
                break
        tokens = [w for _, _, w in words[i:j]]
        end = words[j - 1][1]
        # "two thirds", "one sixth", "one-half", "two and a half"
        fraction = (
            j < len(words) and words[j][2].lower() in FRACTION_WORDS and not text[end : words[j][0]].strip()
        )
        if fraction and (words[j][2].lower() not in _ORDINAL_LIKE or tokens[-1].lower() == "one"):
            value = parse_number(" ".join(tokens + [words[j][2]]))
            if value is not None:
                found.append(NumberMatch(start, words[j][1], text[start : words[j][1]], value, True))
                i = j + 1
                continue
        value = _words_value(tokens)
        if tokens[0].lower() in SCALE_WORDS:  # "several hundred", "thousands": no number written
            value = None
        if lead and len(tokens) == 1:
            value = None
        if value is not None:
            half = re.match(r"\s+and\s+a\s+half\b", text[end:])
            if half:
                value += 0.5
                end += half.end()
            found.append(NumberMatch(start, end, text[start:end], value, True))
        i = max(j, i + 1)
    return found


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number written in ``text``, in digits or in words, left to right.

    A digit number followed by a scale word ("1.5 million") is one number. Hyphenated
    fraction words ("one-half") and "two and a half" are read as fractions.
    """
    found: list[NumberMatch] = []
    for m in SCIENTIFIC.finditer(text):
        mant = float(m.group("m").replace("−", "-"))
        if m.group("e") is not None:
            value = mant * 10 ** int(m.group("e").replace("−", "-"))
        else:
            value = mant * int(m.group("b")) ** int(m.group("p").replace("−", "-"))
        found.append(NumberMatch(m.start(), m.end(), m.group(), value))
    sci = [(n.start, n.end) for n in found]
    for m in DIGITS.finditer(text):
        if any(a <= m.start() < b for a, b in sci):
            continue
        if not m.group("int"):
            continue
        value = _digits_value(m)
        if value is None:
            continue
        end = m.end()
        scale = re.match(r"\s*(hundred|thousand|million|billion|trillion)\b", text[end:], re.I)
        if scale:
            value *= SCALE_WORDS[scale.group(1).lower()]
            end += scale.end()
        found.append(NumberMatch(m.start(), end, text[m.start() : end], value))
    taken = [(n.start, n.end) for n in found]
    for m in re.finditer(rf"(?<![\w/])([{_VULGAR}])", text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(NumberMatch(m.start(), m.end(), m.group(), VULGAR_FRACTIONS[m.group()]))
    for m in _FRACTION_ONLY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _fraction(m.group(1), m.group(2))
        if value is not None:
            found.append(NumberMatch(m.start(), m.end(), m.group(), value))
    found.extend(_find_word_numbers(text))
    found.sort(key=lambda n: (n.start, -n.end))
    return _drop_nested(found)


def _drop_nested(numbers: list[NumberMatch]) -> list[NumberMatch]:
    kept: list[NumberMatch] = []
    for n in numbers:
        if kept and n.start < kept[-1].end:
            continue
        kept.append(n)
    return kept
