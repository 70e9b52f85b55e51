"""Quoted passages in plain text: straight, curly and single quotation marks.

Pure helpers. ``find_quoted`` pairs quotation marks within a paragraph. Curly marks say
which way they face; straight marks (and mixed pairs such as a straight opening closed by a
curly mark, common in scraped text) face the way their neighbours say: a mark after a space
or an opening bracket opens, a mark after a word or punctuation closes. Single marks are
told apart from apostrophes ("can't", "occupiers' stay") by the same neighbours; they are
only paired outside double-quoted passages, which holds for the nesting English uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
#: Longest passage kept as one quote (characters); longer means unbalanced marks.
MAX_QUOTE = 1500


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted passage: ``start``/``end`` are the words inside the marks."""

    start: int
    end: int
    text: str
    open_at: int
    close_at: int


def _direction(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe or a lone mark) for the mark at ``i``."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in OPEN_DOUBLE:
        return "open"
    if ch in CLOSE_DOUBLE:
        return "close"
    single = ch in "'" + OPEN_SINGLE + CLOSE_SINGLE
    if single and prev.isalnum() and nxt.isalnum():
        return None  # an apostrophe: can't, Russia's
    opens = (prev.isspace() or prev in "([{—–-:/") and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]}—–-" or i + 1 == len(text))
    if ch in OPEN_SINGLE:
        return "open" if opens else None
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


def _pair(text: str, marks: list[int], lo: int, hi: int) -> list[Quoted]:
    """Pair the marks (offsets) in order: an opening mark with the next closing mark.

    A quote left open at the end of a paragraph runs to its end when the next paragraph opens
    with a quotation mark (the English convention for a quote over several paragraphs).
    """
    found: list[Quoted] = []
    open_at: int | None = None
    for i in marks:
        d = _direction(text, i)
        if d == "open" and open_at is None:
            open_at = i
        elif d == "close" and open_at is not None:
            if i - open_at <= MAX_QUOTE:
                found.append(_quoted(text, open_at, i))
            open_at = None
    if open_at is not None and hi - open_at <= MAX_QUOTE and _next_paragraph_opens_quote(text, hi):
        found.append(_quoted(text, open_at, hi))
    return found


def _next_paragraph_opens_quote(text: str, hi: int) -> bool:
    """Does the next non-empty paragraph after offset ``hi`` start with a double quotation mark?"""
    rest = text[hi : hi + 400].lstrip()
    return bool(rest) and rest[0] in '"' + OPEN_DOUBLE


def _quoted(text: str, open_at: int, close_at: int) -> Quoted:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, text[start:end], open_at, close_at)


def _plural_possessive(text: str, i: int) -> bool:
    """ "occupiers' stay": a closing-looking single mark after a plural noun."""
    return text[i - 1 : i] == "s" and bool(re.match(r"\s+[a-z]", text[i + 1 : i + 4]))


#: Any double or single quotation mark (found by the regex engine, not char by char).
_DOUBLE_MARK = re.compile("[" + re.escape('"' + OPEN_DOUBLE + CLOSE_DOUBLE) + "]")
_SINGLE_MARK = re.compile("[" + re.escape("'" + OPEN_SINGLE + CLOSE_SINGLE) + "]")


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted passage of ``text``, left to right; never raises.

    Args:
        text: any text; quotes do not run across line breaks (paragraphs).
    """
    found: list[Quoted] = []
    pos = 0
    for para in text.split("\n"):
        lo, hi = pos, pos + len(para)
        pos = hi + 1
        doubles = [m.start() for m in _DOUBLE_MARK.finditer(text, lo, hi)]
        quoted = _pair(text, doubles, lo, hi)
        inside = [(q.open_at, q.close_at) for q in quoted]
        singles = [
            i
            for i in (m.start() for m in _SINGLE_MARK.finditer(text, lo, hi))
            if not any(a < i < b for a, b in inside)
            and not (_direction(text, i) == "close" and _plural_possessive(text, i))
        ]
        quoted.extend(q for q in _pair(text, singles, lo, hi) if q.end - q.start > 1)
        found.extend(q for q in quoted if q.end > q.start)
    found.sort(key=lambda q: q.start)
    return found
