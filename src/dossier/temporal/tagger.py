"""Tagging a whole text: find, anchor and record every temporal expression, in order.

Pure (no spaCy): the spaCy component hands in what only a parser knows — the tense of
the clause around each expression and vetoes (a number the tagger took for a year that
is really a count) — as plain callables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from dossier.models import Timex
from dossier.temporal.grammar import find_parses
from dossier.temporal.parse import Parse, from_rule
from dossier.temporal.resolve import Frame, observe_value, parse_iso_date, resolve

TenseOf = Callable[[int, int], "str | None"]
Veto = Callable[[int, int], bool]

#: Document kinds read as a narrative (year frame, last date mentioned), not against a DCT.
NARRATIVE_KINDS = frozenset({"encyclopedia"})


def make_frame(dct: str | None, kind: str = "other") -> Frame:
    """The reference frame of a document.

    Args:
        dct: the document creation time (ISO date or datetime), or None.
        kind: ``news``, ``encyclopedia`` or ``other``; encyclopedic text, and any non-news
            text without a DCT, is read as a narrative.
    """
    day = parse_iso_date(dct) if dct else None
    narrative = kind in NARRATIVE_KINDS or (kind != "news" and day is None)
    return Frame(dct=day, narrative=narrative)


def tag(
    text: str,
    dct: str | None = None,
    kind: str = "other",
    *,
    tense_of: TenseOf | None = None,
    veto: Veto | None = None,
    offset: int = 0,
) -> list[Timex]:
    """Every temporal expression in ``text`` with its TIMEX3 value.

    Args:
        text: the text (never raises on any string).
        dct: the document creation time, ISO; None when unknown (never defaults to today).
        kind: the document kind (see ``make_frame``).
        tense_of: tense ("past", "present", "future" or None) of the clause around a span.
        veto: True for a span that must not be a timex.
        offset: added to every offset (when ``text`` is a slice of a larger text).

    Returns:
        Timex records in text order; their ``start``/``end`` index ``text`` (+ offset).
    """
    frame = make_frame(dct, kind)
    parses = find_parses(text, frame.narrative)
    if frame.narrative:
        frame.year = _first_year(parses)
    out: list[Timex] = []
    for p in parses:
        if veto is not None and veto(p.start, p.end_offset):
            continue
        tense = cue_tense(text, p.start, p.end_offset)
        if tense is None and tense_of is not None:
            tense = tense_of(p.start, p.end_offset)
        res = resolve(p, frame, tense)
        if res.value is None and p.type != "SET":
            continue
        out.append(
            Timex(
                p.start + offset,
                p.end_offset + offset,
                text[p.start : p.end_offset],
                p.type,
                res.value,
                p.mod,
                res.anchor,
                res.rule,
            )
        )
    return out


# Words next to a date that say which way it lies, whatever the tense of the clause
# ("the dividend is payable Dec. 7 to stock of record Nov. 22" in a past-tense sentence).
# Tuned on TBAQ-cleaned: payable / of record / effective / extended to / the X deadline
# are ahead of the DCT there; "the year ended March 31", "since the Oct. 23 slaying" behind.
_FUTURE_CUE_BEFORE = re.compile(
    r"\b(?:payable|effective|of\s+record|due|expir(?:es|ing|e)|(?:extended|postponed|delayed|adjourned|rescheduled)"
    r"\s+(?:to|until))\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_FUTURE_CUE_AFTER = re.compile(r"\s+(?:deadline|target\s+date)\b", re.IGNORECASE)
_PAST_CUE_BEFORE = re.compile(
    r"\b(?:ended|since(?:\s+(?:shortly|just|soon))?(?:\s+(?:after|before))?(?:\s+the)?)\s+$", re.IGNORECASE
)
_CUE_WINDOW = 40


def cue_tense(text: str, start: int, end: int) -> str | None:
    """ "future" or "past" when the words around an expression fix its direction, else None."""
    before = text[max(0, start - _CUE_WINDOW) : start]
    if _FUTURE_CUE_BEFORE.search(before) or _FUTURE_CUE_AFTER.match(text, end, end + _CUE_WINDOW):
        return "future"
    if _PAST_CUE_BEFORE.search(before):
        return "past"
    return None


def _first_year(parses: list[Parse]) -> int | None:
    """The narrative's year frame before any year is read: its first explicit dated year.

    ("After the 24 February invasion ..., about 2 March, 2022": 2022.) A month-precision
    date counts first; a bare year only if there is none.
    """
    years = [p.y for p in parses if p.y is not None and p.m is not None and p.rel is None]
    if years:
        return years[0]
    bare = [p.y for p in parses if p.y is not None and p.rel is None]
    return bare[0] if bare else None


def normalise(
    text: str, dct: str | None = None, kind: str = "other", tense: str | None = None
) -> Timex | None:
    """The TIMEX3 reading of one expression (the longest one found in ``text``).

    Args:
        text: a temporal expression, e.g. "the end of September" or "2022-11-11".
        dct: the reference date, ISO.
        kind: the document kind.
        tense: tense of the clause it stands in.

    Returns:
        The timex, or None when ``text`` holds no temporal expression.
    """
    found = tag(text, dct, kind, tense_of=(lambda s, e: tense) if tense else None)
    return max(found, key=lambda t: (t.end - t.start, -t.start), default=None)


def reanchor(timex: Timex, dct: str) -> Timex:
    """Re-resolve a DCT-anchored timex once the document's date is known.

    Args:
        timex: a timex from ``tag``; one without a rule, or anchored on the narrative, is
            returned unchanged (its value does not depend on the DCT alone).
        dct: the document creation time, ISO.

    Returns:
        The timex with its value computed against ``dct`` (anchor ``dct``).
    """
    if timex.rule is None or timex.anchor != "dct":
        return timex
    return reanchor_sequence([timex], dct, "news")[0]


def reanchor_sequence(timexes: Iterable[Timex], dct: str, kind: str = "news") -> list[Timex]:
    """Re-resolve a document's timexes, in order, against a DCT.

    Anaphoric ones ("the same day") follow the dates re-resolved before them.

    Args:
        timexes: one document's timexes in text order.
        dct: its creation time, ISO.
        kind: its kind.
    """
    frame = make_frame(dct, kind)
    out: list[Timex] = []
    for t in timexes:
        if t.rule is None:
            _observe(t, frame)
            out.append(t)
            continue
        try:
            p = from_rule(t.rule)
        except (ValueError, AttributeError):
            out.append(t)
            continue
        p.type, p.mod = t.type, t.mod
        res = resolve(p, frame, None)
        out.append(
            Timex(t.start, t.end, t.text, t.type, res.value or t.value, t.mod, res.anchor or t.anchor, t.rule)
        )
    return out


def _observe(t: Timex, frame: Frame) -> None:
    """Let an absolute timex move the frame on (last date, year)."""
    if t.type not in {"DATE", "TIME"} or not t.value or "/" in t.value:
        return
    observe_value(frame, t.value)
    day = parse_iso_date(t.value)
    if day is not None:
        frame.last = day
        frame.year = day.year
    elif len(t.value) >= 7 and t.value[:4].isdigit() and t.value[4] == "-":
        frame.year = int(t.value[:4])
    elif len(t.value) == 4 and t.value.isdigit():
        frame.weak_year = int(t.value)


def as_date(value: str | None) -> dt.date | None:
    """The day a TIMEX3 value names, if it names one."""
    return parse_iso_date(value)


__all__ = ["Parse", "Sequence", "as_date", "make_frame", "normalise", "reanchor", "reanchor_sequence", "tag"]
