"""Datelines: a publication date written near the start of a text.

News pages carry their date in a line near the top ("Nov. 11, 2022, 4:32 AM EST",
"Published 11 November 2022", "KYIV, Nov. 11 (Reuters) —" with a year elsewhere in that
line, "Updated: 2022-11-11"). Only the first few lines are read, and only a full date
(day, month and year) counts: a bare year there is usually a topic, not a date.
"""

from __future__ import annotations

import re

from dossier.temporal.grammar import find_parses
from dossier.temporal.resolve import Frame, resolve

#: How much of the text a dateline may sit in (characters; a headline, a standfirst, a
#: byline and the dateline fit in 600 on the news pages we have seen).
DATELINE_WINDOW = 600

#: Words that announce the publication date on a line.
_CUE = re.compile(
    r"\b(?:published|updated|posted|last\s+modified|date|dated|first\s+published)\b\s*:?", re.IGNORECASE
)
#: What a line needs to hold a full date: a four-figure year, a numeric date or a '22 year.
_MAYBE_FULL_DATE = re.compile(r"\d{4}|\d[/.-]\d|['’]\d\d")
#: "CITY, Nov. 11 —" or "Nov. 11, 2022 —": a date followed by a dash opening the story.
_DASH_OPENING = re.compile(r"^\s*[^\n]{0,60}?\s*[—–-]{1,2}\s", re.MULTILINE)


def find_dateline(text: str) -> tuple[str, str] | None:
    """The publication date a text states near its start.

    Args:
        text: a document's text.

    Returns:
        (ISO date, explanation quoting the line), or None when no dateline is found.
    """
    head = text[:DATELINE_WINDOW]
    best: tuple[int, str, str] | None = None
    line_start = 0
    for line in head.split("\n"):
        if not _MAYBE_FULL_DATE.search(line):
            continue  # most lines hold no year in figures, and the parse is costly
        for p in find_parses(line):
            if p.end is not None or p.y is None or p.m is None or p.d is None:
                continue
            res = resolve(p, Frame())
            if not res.value:
                continue
            surface = line[p.start : p.end_offset]
            before = line[: p.start]
            score = _score(line, before, p.start, p.end_offset)
            if score <= 0:
                continue
            if best is None or score > best[0]:
                why = f"dateline near the start of the text: {line.strip()[:160]!r} ({surface})"
                best = (score, res.value[:10], why)
        line_start += len(line) + 1
    return (best[1], best[2]) if best else None


def _score(line: str, before: str, start: int, end: int) -> int:
    """How much a full date in a line looks like a dateline (0 = not at all)."""
    rest = line[end:].strip()
    score = 0
    if _CUE.search(before):
        score += 3
    if len(line.strip()) <= 80 and len(before.strip()) <= 40:
        score += 2  # a short line that is mostly the date
    if re.match(r"^[,\s]*(?:\d{1,2}:\d\d|[—–-])", rest) or rest == "":
        score += 1
    if _DASH_OPENING.match(line) and start < 60:
        score += 1
    if len(line) > 200 and not _CUE.search(before):
        score -= 3  # a date inside a long paragraph is about the story, not the page
    return score
