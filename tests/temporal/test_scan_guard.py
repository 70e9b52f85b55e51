"""The first-character guard on the grammar's patterns changes no match, only the speed."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.temporal import grammar
from tests.temporal.test_prefilter import WORDS


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=14), st.sampled_from(["", " ", "\n"]))
def test_guarded_patterns_find_the_same_matches(words: list[str], sep: str) -> None:
    text = (sep or " ").join(words)
    for (name, plain, _), guarded in zip(grammar.COMPILED, grammar.SCANNED, strict=True):
        assert _matches(guarded, text) == _matches(plain, text), name


def test_guard_is_a_look_ahead_after_the_look_behind() -> None:
    guarded = [
        g for (_, plain, _), g in zip(grammar.COMPILED, grammar.SCANNED, strict=True) if g is not plain
    ]
    assert len(guarded) > len(grammar.SCANNED) // 2
    assert all(g.pattern.startswith(r"(?<!\w)(?=[") for g in guarded)
    # a pattern that can match the empty string is scanned unguarded
    assert grammar._guarded(re.compile(r"(?<!\w)(?:a?)")).pattern == r"(?<!\w)(?:a?)"
    # and the guard reads the first characters: "x" cannot start "(?:May|\d+)"
    rx = grammar._guarded(re.compile(r"(?<!\w)(?:May|\d+)", re.IGNORECASE))
    assert rx.search("xMay") is None and rx.search("in may") and rx.search("on 12")
