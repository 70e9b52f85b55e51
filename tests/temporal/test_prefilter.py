"""The grammar's pre-filter skips a pattern only when it cannot match: the parses are unchanged."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.temporal import grammar

WORDS = [
    "on",
    "March",
    "MAY",
    "mar",
    "2013",
    "12",
    "3/21/13",
    "a.m.",
    "PM",
    "last",
    "next",
    "week",
    "weeks",
    "ago",
    "the",
    "year",
    "1990–95",
    "Q3",
    "FY13",
    "o'clock",
    "noon",
    "every",
    "Monday",
    "Mondays",
    "twice",
    "a",
    "day",
    "early",
    "1990s",
    "'90s",
    "nineteen",
    "eighty",
    "overnight",
    "christmas",
    "St.",
    "Patrick's",
    "Day",
    "ſpring",
    "\u212aelvin",
    "İn",
    "٣",
    "²",
    ",",
    ".",
    "-",
    "\n",
    "(",
    "UTC",
]


def _all(text: str, prefilter: bool) -> list[tuple[str, int, int, str]] | str:
    """The candidates, or the error raised (the same with and without the pre-filter)."""
    try:
        return [
            (n, p.start, p.end_offset, repr(p)) for n, p in grammar._candidates(text, prefilter=prefilter)
        ]
    except Exception as e:  # noqa: BLE001  ("last ſpring": a builder's KeyError, filter or not)
        return repr(e)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=14))
def test_prefilter_keeps_every_candidate(words: list[str]) -> None:
    text = " ".join(words)
    assert _all(text, True) == _all(text, False)


def test_prefilter_skips_patterns_and_finds_dates() -> None:
    text = "The talks ended on 21 March 2013, two weeks ago."
    assert _all(text, True) == _all(text, False)
    names = {n for n, *_ in _all(text, True)}
    assert {"dmy", "ago"} <= names
    assert all(reqs for reqs in grammar.REQUIRED)  # every pattern has a requirement
    present = grammar._present("nothing temporal here")
    skipped = [
        n
        for (n, _, _), reqs in zip(grammar.COMPILED, grammar.REQUIRED, strict=True)
        if any(r.isdisjoint(present) for r in reqs)
    ]
    assert len(skipped) > len(grammar.COMPILED) // 2


def test_fold_matches_ignorecase() -> None:
    # every character re.IGNORECASE matches to an ASCII letter folds to that letter
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        ch = chr(code)
        if not 0xD800 <= code < 0xE000 and letter.fullmatch(ch):
            folded = grammar._fold(ch)
            assert len(folded) == 1 and re.fullmatch(folded, ch, re.IGNORECASE), (hex(code), folded)
    assert grammar._fold("Übung ſ") == "übung s"
