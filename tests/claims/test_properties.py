"""Property tests: the pure parsers never raise on arbitrary text and their offsets are valid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.claims.extract import find_quantities
from dossier.claims.hedges import find_hedges
from dossier.claims.numbers import find_numbers, parse_number
from dossier.claims.quotemarks import find_quoted

# text biased toward what the parsers look at: digits, separators, number words, quote marks
PIECES = st.sampled_from(
    [
        "1",
        "20,000",
        "4.5",
        "½",
        "1/4",
        " to ",
        "–",
        "-",
        "from ",
        "between ",
        " and ",
        "six",
        "twenty-one",
        "hundred",
        "a ",
        "at least ",
        "about ",
        "%",
        " km",
        " miles",
        "$",
        "€",
        " per day",
        " daily",
        "Feb. ",
        " November",
        " a.m.",
        "th",
        "'",
        '"',
        "“",
        "”",
        "‘",
        "’",
        " said",
        "\n",
        " ",
        ".",
        ",",
        "(",
        ")",
        "e",
        "×10",
        "reportedly",
        "has not verified the figures",
    ]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_find_quantities_never_raises_and_points_into_the_text(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.value is not None or (q.low is not None and q.high is not None)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_find_numbers_and_parse_number_never_raise(text: str) -> None:
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text
    parse_number(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_find_quoted_and_hedges_point_into_the_text(text: str) -> None:
    for q in find_quoted(text):
        assert text[q.start : q.end] == q.text
        assert q.open_at < q.start <= q.end <= q.close_at
    for h in find_hedges(text):
        assert 0 <= h.start < h.end <= len(text)
